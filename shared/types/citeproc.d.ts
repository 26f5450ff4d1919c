// The part of citeproc-js (npm `citeproc`) the briefing uses; the package ships no types.
declare module 'citeproc' {
  interface CslSys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  interface CitationCluster {
    citationID: string;
    citationItems: { id: string; locator?: string; label?: string }[];
    properties: { noteIndex: number };
  }
  interface Engine {
    opt: { xclass: 'note' | 'in-text' };
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: string[]): void;
    /** [status, [noteIndex-or-position, text, citationID][]] */
    processCitationCluster(
      citation: CitationCluster,
      before: [string, number][],
      after: [string, number][],
    ): [{ bibchange: boolean; citation_errors: unknown[] }, [number, string, string][]];
    makeBibliography(): false | [{ entry_ids: string[][] }, string[]];
  }
  const CSL: { Engine: new (sys: CslSys, style: string, lang?: string, forceLang?: boolean) => Engine };
  export default CSL;
}
