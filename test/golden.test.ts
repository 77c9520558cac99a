import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import {
  botFixtures,
  firstRunOutput,
  goldenDirOf,
  goldenTypeScriptFiles,
  integrationFixtures,
  readGolden,
  UPDATE_GOLDEN,
  writeGolden,
} from './golden-harness.js';
import { VALID_DIR } from './fixture-harness.js';
import { strictTypeErrors, type ModuleResolution } from './strict-typecheck.js';

describe('generated output matches the golden files', () => {
  it.each([...integrationFixtures(), ...botFixtures()].map((file) => [relative(VALID_DIR, file), file]))('%s', async (_name, manifest) => {
    const output = await firstRunOutput(manifest);
    const dir = goldenDirOf(manifest);
    if (UPDATE_GOLDEN) writeGolden(dir, output);
    const golden = readGolden(dir);
    expect([...output.keys()].sort()).toEqual([...golden.keys()].sort());
    for (const [path, content] of output) expect(content, path).toBe(golden.get(path));
  });

  it('is byte-identical when generated twice', async () => {
    for (const manifest of [...integrationFixtures(), ...botFixtures()]) {
      const first = await firstRunOutput(manifest);
      const second = await firstRunOutput(manifest);
      expect([...second.entries()]).toEqual([...first.entries()]);
    }
  });
});

/** Type-checks every golden .ts file in one program, as a user's strict project would. */
function typeCheckGoldens(resolution: ModuleResolution): string[] {
  return strictTypeErrors(goldenTypeScriptFiles(), resolution);
}

describe('every golden file type-checks under tsc --strict in one program', () => {
  it('with moduleResolution nodenext', () => {
    expect(goldenTypeScriptFiles().length).toBeGreaterThan(0);
    expect(typeCheckGoldens('nodenext')).toEqual([]);
  });
  it('with moduleResolution bundler', () => {
    expect(typeCheckGoldens('bundler')).toEqual([]);
  });
});
