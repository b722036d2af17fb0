// Minimal typings for the parts of nlp.js (the packages @nlpjs/basic is made of) that Frontdesk uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpResult {
    classifications: NlpClassification[];
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings: {
      languages: string[];
      autoSave: boolean;
      autoLoad: boolean;
      nlu: { log: boolean };
      container: Container;
    });
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
