import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');

const require = createRequire(import.meta.url);
let loaded: YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use: a clean manifest is read by the
 * fast parser (fast-parse.ts) and needs `yaml` only if a diagnostic must be
 * located.
 */
export function yaml(): YamlModule {
  loaded ??= require('yaml') as YamlModule;
  return loaded;
}

export interface PositionedDocument {
  readonly document: import('yaml').Document.Parsed;
  readonly lineCounter: import('yaml').LineCounter;
}

/**
 * The `yaml` Document with source positions. Duplicate keys are found by
 * parse-yaml.ts in linear time; the parser's own check is quadratic per mapping.
 */
export function parseDocumentWithPositions(text: string): PositionedDocument {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  return { document, lineCounter };
}
