/**
 * `validators.ts` from the worker thread (src/generate/worker-pool.ts): the
 * same bytes as in-process on every valid integration fixture and a
 * synthetic manifest, both from the request's model and from what the
 * worker emitted ahead; in-process emission whenever the worker fails
 * (never a hang), errors reported as errors; a thread that never keeps
 * the process alive; and the built CLI writing the same files with and
 * without it. The worker is bundled from the sources here, as
 * scripts/bundle-cli.mjs bundles it from dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitValidators } from '../packages/intc/src/emit/validators.js';
import { ValidatorsWorker } from '../packages/intc/src/generate/worker-pool.js';
import { toIntegrationModel, type IntegrationModel } from '../packages/intc/src/model/integration-model.js';
import type { PlainObject } from '../packages/intc/src/model/values.js';
import { generate, validate, type GenerateResult } from '../packages/intc/src/pipeline.js';
import { ROOT, VALID_DIR } from './fixture-harness.js';
import { integrationFixtures } from './golden-harness.js';

type SyntheticManifest = (actions: number) => string;
const { syntheticManifest } = (await import(pathToFileURL(join(ROOT, 'scripts', 'synthetic-manifest.mjs')).href)) as { syntheticManifest: SyntheticManifest };

const work = mkdtempSync(join(tmpdir(), 'intc-parallel-emit-'));
const WORKER = join(work, 'intc-validators-worker.cjs');
/** 60 actions: 120 schemas and more, so several Ajv batches. */
const SYNTHETIC = join(work, 'synthetic', 'integration.yaml');
const savedNoWorker = process.env.INTC_NO_WORKER;

beforeAll(async () => {
  delete process.env.INTC_NO_WORKER;
  mkdirSync(dirname(SYNTHETIC));
  writeFileSync(SYNTHETIC, syntheticManifest(60));
  await bundle(join(ROOT, 'packages', 'intc', 'src', 'generate', 'validators-worker.ts'), WORKER);
}, 60_000);

afterAll(() => {
  if (savedNoWorker !== undefined) process.env.INTC_NO_WORKER = savedNoWorker;
  rmSync(work, { recursive: true, force: true });
});

/** A CommonJS bundle of a TypeScript entry; `import.meta.url` is the entry's own, so Ajv and yaml resolve from the repository. */
async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
  });
}

/** Every generated file of every project: project manifest path → file path → content. */
function outputOf(result: GenerateResult): Record<string, Record<string, string>> {
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(result.projects.map((p) => [p.layout.manifestPath, Object.fromEntries(p.files.map((f) => [f.path, f.content]))]));
}

const threads = availableParallelism() > 1;

describe.skipIf(!threads)('validators.ts from the worker', () => {
  const manifests = [...integrationFixtures(), SYNTHETIC];

  it('covers the fixtures and the synthetic manifest', () => {
    expect(manifests.length).toBeGreaterThan(4);
  });

  for (const manifest of manifests) {
    const name = manifest === SYNTHETIC ? 'synthetic (60 actions)' : relative(VALID_DIR, manifest);
    it(`is byte for byte the in-process output: ${name}`, async () => {
      const expected = outputOf(await generate([manifest]));
      const worker = new ValidatorsWorker({ file: WORKER, manifests: [manifest], minManifestBytes: 0 });
      try {
        expect(worker.threaded).toBe(true);
        expect(outputOf(await generate([manifest], { validatorsWorker: worker })), 'from the model').toEqual(expected);
        worker.emitAhead([basename(manifest)], dirname(manifest));
        expect(outputOf(await generate([manifest], { validatorsWorker: worker })), 'emitted ahead').toEqual(expected);
        const projects = Object.keys(expected).length;
        // An integration that extends interfaces depends on other files: never emitted ahead from its text alone.
        const ahead = /^interfaces:/m.test(readFileSync(manifest, 'utf8')) ? 0 : projects;
        expect(worker.counts).toEqual({ thread: 2 * projects - ahead, ahead, inProcess: 0 });
      } finally {
        worker.close();
      }
    });
  }

  it('emits from the model when the manifest changed after the worker read it', async () => {
    const folder = join(work, 'changed');
    mkdirSync(folder);
    const file = join(folder, 'integration.yaml');
    writeFileSync(file, syntheticManifest(3));
    const worker = new ValidatorsWorker({ file: WORKER });
    try {
      const before = outputOf(await generate([file]));
      worker.emitAhead([folder], work);
      // Requests are answered in order: once this one is, the worker has emitted ahead from the old text.
      await worker.emit(smallModel());
      writeFileSync(file, syntheticManifest(4));
      const expected = outputOf(await generate([file]));
      expect(expected).not.toEqual(before);
      expect(outputOf(await generate([file], { validatorsWorker: worker }))).toEqual(expected);
      expect(worker.counts).toEqual({ thread: 2, ahead: 0, inProcess: 0 });
    } finally {
      worker.close();
    }
  });
});

/** The synthetic manifest's model. */
function syntheticModel(): IntegrationModel {
  const result = validate([SYNTHETIC]);
  expect(result.diagnostics).toEqual([]);
  return toIntegrationModel(result.manifests[0]!.value as PlainObject, SYNTHETIC);
}

/** A small valid model. */
function smallModel(input: unknown = { type: 'object', properties: { text: { type: 'string', minLength: 1 } }, required: ['text'] }): IntegrationModel {
  return toIntegrationModel({ name: 'small', version: '1.0.0', actions: { send: { input: { schema: input }, output: { schema: { type: 'object' } } } } }, '/project/integration.yaml');
}

describe('a worker that fails', () => {
  const broken = {
    'throws when loaded': "throw new Error('broken worker');",
    'throws on a request': "require('node:worker_threads').parentPort.on('message', () => { throw new Error('broken worker'); });",
    'exits on a request': "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
    'says it failed': "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, failed: 'no' }));",
  };

  for (const [what, source] of Object.entries(broken)) {
    it.skipIf(!threads)(`${what}: validators.ts is emitted in-process`, async () => {
      const file = join(work, `${what.replaceAll(' ', '-')}.cjs`);
      writeFileSync(file, source);
      const model = syntheticModel();
      const worker = new ValidatorsWorker({ file });
      try {
        expect(worker.threaded).toBe(true);
        expect(await worker.emit(model)).toEqual(emitValidators(model));
        expect(worker.counts).toEqual({ thread: 0, ahead: 0, inProcess: 1 });
        // A thread that stopped is not asked again; one that said it failed is, and fails again.
        expect(worker.threaded).toBe(what === 'says it failed');
        expect(await worker.emit(smallModel())).toEqual(emitValidators(smallModel()));
        expect(worker.counts.inProcess).toBe(2);
      } finally {
        worker.close();
      }
    }, 20_000);
  }

  it.skipIf(!threads)('rejects with the error itself when emitting fails in the thread and in-process alike', async () => {
    const worker = new ValidatorsWorker({ file: WORKER });
    try {
      await expect(worker.emit(smallModel({ $ref: '#/definitions/missing' }))).rejects.toThrow(/can't resolve reference #\/definitions\/missing/);
      expect(worker.counts).toEqual({ thread: 0, ahead: 0, inProcess: 1 });
    } finally {
      worker.close();
    }
  });

  it('has no thread without a worker file, after close(), for small manifests and with INTC_NO_WORKER=1: generate() emits in-process', async () => {
    const expected = outputOf(await generate([SYNTHETIC]));
    const closed = new ValidatorsWorker({ file: WORKER });
    closed.close();
    const withoutThread = [
      new ValidatorsWorker({ file: join(work, 'absent.cjs') }),
      closed,
      new ValidatorsWorker({ file: WORKER, manifests: [SYNTHETIC] }),
      new ValidatorsWorker({ file: WORKER, manifests: [SYNTHETIC], minManifestBytes: statSync(SYNTHETIC).size + 1 }),
    ];
    process.env.INTC_NO_WORKER = '1';
    try {
      withoutThread.push(new ValidatorsWorker({ file: WORKER }));
    } finally {
      delete process.env.INTC_NO_WORKER;
    }
    for (const worker of withoutThread) {
      expect(worker.threaded).toBe(false);
      expect(outputOf(await generate([SYNTHETIC], { validatorsWorker: worker }))).toEqual(expected);
      expect(worker.counts).toEqual({ thread: 0, ahead: 0, inProcess: 0 });
      // Asked directly, it answers in-process.
      expect(await worker.emit(smallModel())).toEqual(emitValidators(smallModel()));
      expect(worker.counts.inProcess).toBe(1);
    }
  });
});

describe.skipIf(!threads)('the thread and the process', () => {
  it('never keeps the process alive, idle or after answering, without close()', async () => {
    const entry = join(work, 'keep-alive-entry.ts');
    writeFileSync(
      entry,
      [
        `import { ValidatorsWorker } from ${JSON.stringify(join(ROOT, 'packages', 'intc', 'src', 'generate', 'worker-pool.ts'))};`,
        `import { toIntegrationModel } from ${JSON.stringify(join(ROOT, 'packages', 'intc', 'src', 'model', 'integration-model.ts'))};`,
        'const [file, manifest, mode] = process.argv.slice(2);',
        'const worker = new ValidatorsWorker({ file });',
        'if (mode === "emit") {',
        '  worker.emitAhead([manifest], process.cwd());',
        '  const model = toIntegrationModel({ name: "x", version: "1.0.0", actions: { a: { input: { schema: { type: "string" } }, output: { schema: {} } } } }, "/p/integration.yaml");',
        '  void worker.emit(model).then((files) => console.log(worker.counts.thread, files[0].path));',
        '}',
      ].join('\n'),
    );
    const script = join(work, 'keep-alive.cjs');
    await bundle(entry, script);
    for (const mode of ['idle', 'emit']) {
      const started = Date.now();
      const run = spawnSync(process.execPath, [script, WORKER, SYNTHETIC, mode], { encoding: 'utf8', timeout: 20_000 });
      expect(run.status, `${mode}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toBe(mode === 'emit' ? '1 validators.ts\n' : '');
      expect(Date.now() - started, mode).toBeLessThan(15_000);
    }
  }, 60_000);
});

// As a process: bin/intc.cjs over the built dist/ (INTC_BIN to try another build), when it has the worker.
const BIN = process.env.INTC_BIN ?? join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
const builtWorker = existsSync(join(dirname(BIN), '..', 'dist', 'intc-validators-worker.cjs'));

describe.skipIf(!threads || !builtWorker)('intc generate with the worker (built CLI)', () => {
  it('writes the same files as with INTC_NO_WORKER=1 for a manifest large enough to start it (2000 actions)', () => {
    const outputs = ['thread', 'in-process'].map((mode) => {
      const folder = join(work, `cli-${mode}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'integration.yaml'), syntheticManifest(2000));
      const env: NodeJS.ProcessEnv = { ...process.env, INTC_NO_CACHE: '1', NO_COLOR: '1' };
      if (mode === 'thread') delete env.INTC_NO_WORKER;
      else env.INTC_NO_WORKER = '1';
      const run = spawnSync(process.execPath, [BIN, 'generate'], { cwd: folder, env, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const generated = join(folder, 'src', 'generated');
      return Object.fromEntries(['definition.json', 'index.ts', 'integration.ts', 'types.ts', 'validators.ts'].map((name) => [name, readFileSync(join(generated, name), 'utf8')]));
    });
    expect(outputs[0]).toEqual(outputs[1]);
  }, 180_000);
});
