/**
 * ts-morph, loaded on first use: importing it costs ~0.25–0.5 s, and a run
 * where every stub is already in step never needs it.
 */
import { createRequire } from 'node:module';

export type TsMorph = typeof import('ts-morph');
export type SourceFile = import('ts-morph').SourceFile;

const require = createRequire(import.meta.url);
let loaded: TsMorph | undefined;

export function tsMorph(): TsMorph {
  loaded ??= require('ts-morph') as TsMorph;
  return loaded;
}

/** Whether ts-morph has been loaded in this process (for tests and timing). */
export function isTsMorphLoaded(): boolean {
  return loaded !== undefined;
}

/**
 * The syntax tree of one file, navigable with ts-morph. No project, no file
 * system, no type checking: a wrapped tree is garbage once dropped, where a
 * project's `removeSourceFile` costs as much as the parse (~20–130 ms on a
 * 1000-handler index.ts).
 */
export function parseSource(path: string, text: string): SourceFile {
  const { createWrappedNode, ts } = tsMorph();
  return createWrappedNode(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
}
