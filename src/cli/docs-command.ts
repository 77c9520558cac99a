import type { CliIo } from './io.js';
export async function runDocs(_args: readonly string[], _io: CliIo): Promise<number> {
  return 2;
}
