// The part of citation-js (npm `@citation-js/core` with its BibTeX and RIS plugins) main uses; the packages ship no types.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    /** The references as CSL-JSON items (with citation-js's own `_graph` bookkeeping). */
    data: unknown[];
    format(format: 'bibtex' | 'ris' | 'data', options?: { format?: 'text' | 'object' }): unknown;
  }
  export const plugins: { config: { get(plugin: string): unknown } };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
