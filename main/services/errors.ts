/**
 * A refusal the analyst should read: its message says what happened and what to do.
 * Anything else a service throws is treated as a bug and logged.
 *
 * A refusal may be written in each language the interface speaks (`Sentences`): the analyst reads it in
 * the interface's language (`speak`, told by the renderer), the log and the tests read `message`, the
 * English. Main keeps no message catalogue (the interface's are the renderer's); its few sentences are
 * written beside their English where they are made.
 */
export type MainLanguage = 'en' | 'ru';

/** A sentence in English, and in the other languages it has been written in. */
export interface Sentences {
  en: string;
  ru?: string;
}

export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly sentences: Sentences;

  constructor(said: string | Sentences, options?: ErrorOptions) {
    const sentences = typeof said === 'string' ? { en: said } : said;
    super(sentences.en, options);
    this.sentences = sentences;
  }

  /** The sentence in `language`, or in English where it has not been written in it. */
  in(language: MainLanguage): string {
    return this.sentences[language] ?? this.sentences.en;
  }
}

/**
 * The language the interface speaks, as the renderer last said (English until it does). One for the
 * process: the interface's language is the installation's, whatever the window.
 */
let spoken: MainLanguage = 'en';

/** Notes the interface's language ("ru", "en-GB", "kk" …): Russian, else English. */
export function speak(tag: string): MainLanguage {
  spoken = tag.split('-')[0] === 'ru' ? 'ru' : 'en';
  return spoken;
}

export function spokenLanguage(): MainLanguage {
  return spoken;
}

/** A sentence main answers with (not a refusal: "Opened …"), in the interface's language. */
export function say(sentences: Sentences): string {
  return sentences[spoken] ?? sentences.en;
}
