/**
 * The members the last run generated for (member-history.ts): from its run
 * record, else from the definition.json it wrote (a record from before
 * records kept them, or one that was deleted). Empty when neither is there.
 */
import { join } from 'node:path';
import { definitionMembers } from '../stubs/member-history.js';
import { readText, recordedMembers } from './input-cache.js';

export function lastRunMembers(generatedDir: string): Map<string, string> {
  const recorded = recordedMembers(generatedDir);
  if (recorded) return recorded;
  const text = readText(join(generatedDir, 'definition.json'));
  if (text === undefined) return new Map();
  try {
    return definitionMembers(JSON.parse(text));
  } catch {
    return new Map();
  }
}
