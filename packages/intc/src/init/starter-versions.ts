/**
 * The tools a new project builds and tests with, pinned to versions whose
 * engines accept Node 20 and that this repository builds and tests with
 * (test/init.test.ts keeps them equal to the installed ones).
 */
export const STARTER_TOOL_VERSIONS = {
  '@types/node': '20.19.43',
  typescript: '5.9.3',
  vitest: '4.1.12',
} as const;
