/**
 * What a manifest can never make intc do:
 * - run code at generate time: referenced interface and integration manifests
 *   are read as data (a `from:` naming a .js/.cjs/.mjs/.ts file, a package
 *   folder, a module name; `$ref`s to files; YAML code tags), and a project's
 *   own node_modules never stands in for the packages intc loads;
 * - write outside the output folders, whatever names it holds; references
 *   may live anywhere (`../../interfaces/llm`, an absolute path) and work;
 * - put manifest text in generated code outside comments and string (or
 *   regular expression) literals: hostile descriptions, titles, enum, const
 *   and default values, patterns and property names (`*\/`, U+2028, backticks,
 *   `${`, quotes, `</script>`) parse with TypeScript, land only in those
 *   tokens, and the output type-checks;
 * - leak a secret value: secrets are names in a manifest; values in the
 *   environment never reach generated files or intc's output, and at run time
 *   never reach the logger's output or thrown errors.
 * Runs the built CLI (bin/intc.cjs over dist/) when it is built, else
 * in-process through `main()`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../packages/intc/src/cli/io.js';
import { main } from '../packages/intc/src/cli/main.js';
import { Integration as TelegramIntegration } from '../examples/telegram/src/generated/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** INTC_TEST_CLI names another bin/intc.cjs (a private build) while working on these tests. */
const CLI = process.env.INTC_TEST_CLI ?? join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
const HAS_BUILD = existsSync(join(dirname(CLI), '..', 'dist', 'intc.cjs'));
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

const base = mkdtempSync(join(tmpdir(), 'intc-security-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function intc(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  if (HAS_BUILD) {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', INTC_NO_CACHE: '1', ...env }, timeout: 60_000 });
    return { code: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
  }
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, color: false, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  try {
    return { code: await main(args, io), stdout, stderr };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function output(run: Run): string {
  return `exit ${run.code}\nstdout:\n${run.stdout.slice(0, 6000)}\nstderr:\n${run.stderr.slice(0, 3000)}`;
}

/** Every file below a folder (relative path → text). */
function tree(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.set(relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'), readFileSync(join(entry.parentPath, entry.name), 'latin1'));
  }
  return found;
}

/** Paths created, changed or deleted between two trees. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();
}

let counter = 0;
function folder(name: string): string {
  const dir = join(base, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file whose execution (by require, import or a TS loader) writes `marker`. */
function codeWritingMarker(marker: string, esm = false): string {
  return esm
    ? `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'executed');\nexport default {};\n`
    : `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'executed');\nmodule.exports = {};\n`;
}

/** Packages intc loads; a project's node_modules copy of each would write the marker if intc loaded it. */
const HIJACKED_PACKAGES = ['ajv', 'ajv-formats', 'yaml', 'js-yaml', 'json-schema-to-typescript', 'ts-morph', 'typescript', 'prettier'];

function plantPackages(at: string, marker: string): void {
  for (const name of HIJACKED_PACKAGES) {
    const dir = join(at, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '99.0.0', main: 'index.js' }));
    writeFileSync(join(dir, 'index.js'), codeWritingMarker(`${marker}-${name}`));
  }
}

function markersIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('MARKER'));
}

describe('a manifest never causes code execution at generate time', () => {
  it('reads a `from:` naming code, a package folder or a module as data, and `$ref`s to files not at all', async () => {
    const dir = folder('code-references');
    const marker = join(dir, 'MARKER');
    writeFileSync(join(dir, 'evil.js'), codeWritingMarker(`${marker}-js`));
    writeFileSync(join(dir, 'evil.cjs'), codeWritingMarker(`${marker}-cjs`));
    writeFileSync(join(dir, 'evil.mjs'), codeWritingMarker(`${marker}-mjs`, true));
    writeFileSync(join(dir, 'evil.ts'), codeWritingMarker(`${marker}-ts`, true));
    mkdirSync(join(dir, 'pkg'));
    writeFileSync(join(dir, 'pkg', 'package.json'), JSON.stringify({ name: 'pkg', main: 'index.js', exports: './index.js' }));
    writeFileSync(join(dir, 'pkg', 'index.js'), codeWritingMarker(`${marker}-pkg`));
    plantPackages(dir, marker);
    writeFileSync(
      join(dir, 'integration.yaml'),
      [
        'name: evil',
        'version: 1.0.0',
        'description: References that name code.',
        'interfaces:',
        '  a: { from: ./evil.js }',
        '  b: { from: ./evil.cjs }',
        '  c: { from: ./evil.mjs }',
        '  d: { from: ./evil.ts }',
        '  e: { from: ./pkg }',
        '  f: { from: ./pkg/index.js }',
        '  g: { from: ajv }',
        "  h: { from: 'node:fs' }",
        "  i: { from: 'data:text/javascript,process.exit(9)' }",
        'actions:',
        '  get:',
        '    description: Get',
        "    input: { schema: { type: object, properties: { x: { $ref: './evil.js' }, y: { $ref: 'file:./evil.cjs' } } } }",
        '    output: { schema: { type: object } }',
        '',
      ].join('\n'),
    );
    const run = await intc(dir, ['generate']);
    expect(run.code, output(run)).toBe(1);
    expect(run.stdout).toMatch(/^evil\.js:1:1 - error invalid-type: The manifest must be an object, but is a string\./m);
    expect(run.stdout).toMatch(/^integration\.yaml:5:14 - error invalid-referenced-manifest/m);
    expect(run.stdout).toMatch(/^integration\.yaml:9:14 - error no-manifest-in-folder/m);
    expect(run.stdout).toMatch(/^integration\.yaml:11:14 - error file-not-found/m);
    expect(run.stdout).toMatch(/^integration\.yaml:17:\d+ - error unsupported-ref: Unsupported \$ref '\.\/evil\.js'/m);
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    expect(markersIn(dir)).toEqual([]);
  });

  it('a bot installing an integration named by a code file reads it as data', async () => {
    const dir = folder('bot-reference');
    const marker = join(dir, 'MARKER');
    writeFileSync(join(dir, 'evil.cjs'), codeWritingMarker(`${marker}-cjs`));
    writeFileSync(
      join(dir, 'bot.yaml'),
      ['name: evil-bot', 'description: Installs code.', 'integrations:', '  first:', '    integration: ./evil.cjs', '    configuration: {}', ''].join('\n'),
    );
    const run = await intc(dir, ['generate', 'bot.yaml']);
    expect(run.code, output(run)).toBe(1);
    expect(run.stdout).toMatch(/error invalid-referenced-manifest|error invalid-type/);
    expect(markersIn(dir)).toEqual([]);
  });

  it('refuses YAML tags that would construct code', async () => {
    const dir = folder('yaml-tags');
    const marker = join(dir, 'MARKER');
    writeFileSync(
      join(dir, 'integration.yaml'),
      [
        'name: evil',
        'version: 1.0.0',
        `description: !!js/function "function () { require('node:fs').writeFileSync('${marker}', 'x') }"`,
        `title: !<tag:yaml.org,2002:js/undefined> ''`,
        '',
      ].join('\n'),
    );
    const run = await intc(dir, ['generate']);
    expect(run.code, output(run)).toBe(1);
    expect(run.stdout).toMatch(/^integration\.yaml:3:14 - error yaml-unsupported/m);
    expect(markersIn(dir)).toEqual([]);
  });

  it('never loads a package from the project: its node_modules cannot stand in for the ones intc uses', async () => {
    const dir = folder('node-modules');
    const marker = join(dir, 'MARKER');
    cpSync(join(ROOT, 'fixtures', 'valid', 'minimal'), dir, { recursive: true });
    plantPackages(dir, marker);
    const first = await intc(dir, ['generate']);
    expect(first.code, output(first)).toBe(0);
    // A new action: its stub is wired into index.ts, the edit intc makes with ts-morph.
    const manifest = join(dir, 'integration.yaml');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8').replace(/\n*$/, '\n')}actions:\n${ACTION_TO_ADD}`);
    const second = await intc(dir, ['generate']);
    expect(second.code, output(second)).toBe(0);
    expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain('archiveChatAction');
    expect(markersIn(dir)).toEqual([]);
  });
});

const ACTION_TO_ADD = ['  archiveChat:', '    description: Archive a chat', '    input: { schema: { type: object } }', '    output: { schema: { type: object } }', ''].join('\n');

describe('references live anywhere; writes stay in the output folders', () => {
  /** fixtures/valid/llm as a monorepo, with code beside the interface that must never run. */
  function monorepo(): { root: string; marker: string } {
    const root = folder('monorepo');
    cpSync(join(ROOT, 'fixtures', 'valid', 'llm'), root, { recursive: true });
    const marker = join(root, 'MARKER');
    const iface = join(root, 'interfaces', 'llm');
    writeFileSync(join(iface, 'package.json'), JSON.stringify({ name: '@acme/llm', main: 'index.js' }));
    writeFileSync(join(iface, 'index.js'), codeWritingMarker(`${marker}-interface`));
    plantPackages(root, marker);
    return { root, marker };
  }

  it('generates from `../../interfaces/llm` (a folder) and from an absolute path, writing only below src/', async () => {
    const { root } = monorepo();
    const openai = join(root, 'integrations', 'openai');
    const anthropic = join(root, 'integrations', 'anthropic');
    const retarget = (manifest: string, to: string) =>
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('from: ../../interfaces/llm/interface.yaml', `from: ${to}`));
    retarget(join(openai, 'integration.yaml'), '../../interfaces/llm');
    retarget(join(anthropic, 'integration.yaml'), JSON.stringify(join(root, 'interfaces', 'llm')));
    const before = tree(root);
    for (const project of [openai, anthropic]) {
      const run = await intc(project, ['generate']);
      expect(run.code, output(run)).toBe(0);
      expect(existsSync(join(project, 'src', 'generated', 'types.ts'))).toBe(true);
    }
    const written = changes(before, tree(root));
    expect(written.length).toBeGreaterThan(10);
    expect(written.filter((path) => !/^integrations\/(openai|anthropic)\/src\//.test(path))).toEqual([]);
    expect(markersIn(root)).toEqual([]);
  });

  it('writes nothing anywhere for a manifest whose names try to leave the folders, and only to --out and --src otherwise', async () => {
    const root = folder('names');
    cpSync(join(ROOT, 'fixtures', 'invalid', 'hostile-path-names'), join(root, 'project'), { recursive: true });
    const before = tree(root);
    const refused = await intc(join(root, 'project'), ['generate']);
    expect(refused.code, output(refused)).toBe(1);
    expect(changes(before, tree(root))).toEqual([]);

    cpSync(join(ROOT, 'fixtures', 'valid', 'hostile-names', 'integration.yaml'), join(root, 'project', 'integration.yaml'));
    const clean = tree(root);
    const run = await intc(join(root, 'project'), ['generate', '--out', '../out/generated', '--src', 'handlers']);
    expect(run.code, output(run)).toBe(0);
    const written = changes(clean, tree(root));
    expect(written.filter((path) => !/^(out\/generated|project\/handlers)\//.test(path))).toEqual([]);
    expect(written).toContain('out/generated/types.ts');
    expect(written).toContain('project/handlers/actions/constructor.ts');
  });
});

/** Manifest text meant to break out of a comment, a string or a template literal, or to end a script element. */
const PAYLOAD = "*/ PWNED \u2028 \u2029 ` ${PWNED} ' \" </script> <!-- --> \\ // /* PWNED";
const pattern = '^PWNED\\*/`\\$\\{x\\}\'"</script>\u2028$';

function hostileTextManifest(): string {
  const text = JSON.stringify(PAYLOAD);
  const schema = (extra: string) =>
    `{ type: object, description: ${text}, title: ${text}, properties: { ${JSON.stringify(`PWNED ${PAYLOAD}`)}: { type: string, description: ${text} }, ` +
    `kind: { type: string, enum: [${text}, ${JSON.stringify(`${PAYLOAD}2`)}], default: ${text}, description: ${text} }, ` +
    `exact: { const: ${text} }, code: { type: string, pattern: ${JSON.stringify(pattern)}, examples: [${text}] }, ` +
    `nested: { type: object, default: { ${JSON.stringify(PAYLOAD)}: ${text} }, additionalProperties: { type: string } }${extra} } }`;
  return [
    'name: hostile-text',
    'version: 1.0.0',
    `title: ${text}`,
    `description: ${text}`,
    'configuration:',
    `  schema: ${schema('')}`,
    'entities:',
    '  thing:',
    `    title: ${text}`,
    `    description: ${text}`,
    `    schema: ${schema('')}`,
    'actions:',
    '  doIt:',
    `    title: ${text}`,
    `    description: ${text}`,
    `    input: { schema: ${schema(", thing: { $ref: '#/entities/thing' }")} }`,
    `    output: { schema: ${schema('')} }`,
    'events:',
    '  happened:',
    `    title: ${text}`,
    `    description: ${text}`,
    `    schema: ${schema('')}`,
    'states:',
    '  memo:',
    '    type: conversation',
    `    schema: ${schema('')}`,
    'channels:',
    '  chat:',
    `    title: ${text}`,
    `    description: ${text}`,
    '    messages:',
    `      text: { schema: ${schema('')} }`,
    'secrets:',
    '  API_KEY:',
    `    description: ${text}`,
    '',
  ].join('\n');
}

/** Text ranges of a TypeScript file where manifest text may appear: comments and string, template-without-substitution and regex literals. */
function literalAndCommentRanges(file: ts.SourceFile): [number, number][] {
  const ranges: [number, number][] = [];
  const text = file.getFullText();
  const seenComments = new Set<number>();
  const addComments = (comments: ts.CommentRange[] | undefined) => {
    for (const comment of comments ?? []) {
      if (seenComments.has(comment.pos)) continue;
      seenComments.add(comment.pos);
      ranges.push([comment.pos, comment.end]);
    }
  };
  const visit = (node: ts.Node) => {
    addComments(ts.getLeadingCommentRanges(text, node.getFullStart()));
    addComments(ts.getTrailingCommentRanges(text, node.getEnd()));
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node)) ranges.push([node.getStart(file), node.getEnd()]);
    node.forEachChild(visit);
  };
  visit(file);
  addComments(ts.getLeadingCommentRanges(text, file.endOfFileToken.getFullStart()));
  return ranges;
}

describe('generated code places manifest text only in comments and literals', () => {
  it('parses, type-checks, and holds every hostile string only inside comments and string literals', async () => {
    const dir = folder('hostile-text');
    writeFileSync(join(dir, 'integration.yaml'), hostileTextManifest());
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const run = await intc(dir, ['generate']);
    expect(run.code, output(run)).toBe(0);

    const files = [...tree(join(dir, 'src')).keys()].map((path) => join(dir, 'src', path));
    const tsFiles = files.filter((path) => path.endsWith('.ts'));
    expect(tsFiles.length).toBeGreaterThan(5);
    let occurrences = 0;
    for (const path of tsFiles) {
      const text = readFileSync(path, 'utf8');
      const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const syntax = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      expect(syntax.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), path).toEqual([]);
      const safe = literalAndCommentRanges(file);
      for (let at = text.indexOf('PWNED'); at >= 0; at = text.indexOf('PWNED', at + 1)) {
        occurrences += 1;
        const inside = safe.some(([start, end]) => start <= at && at < end);
        if (!inside) {
          const line = file.getLineAndCharacterOfPosition(at);
          expect.fail(`${relative(dir, path)}:${line.line + 1}:${line.character + 1}: manifest text outside a comment or literal: ${text.slice(Math.max(0, at - 60), at + 40)}`);
        }
      }
      // No raw line or paragraph separator survives outside a comment or literal either.
      expect(text.replace(/\u2028|\u2029/g, (_m, offset: number) => (safe.some(([s, e]) => s <= offset && offset < e) ? '' : '!SEPARATOR!'))).not.toContain('!SEPARATOR!');
    }
    expect(occurrences, 'the hostile text reached the generated code').toBeGreaterThan(20);

    const definition = JSON.parse(readFileSync(join(dir, 'src', 'generated', 'definition.json'), 'utf8')) as { description?: string };
    expect(definition.description).toBe(PAYLOAD);

    const program = ts.createProgram(tsFiles, {
      strict: true,
      noEmit: true,
      exactOptionalPropertyTypes: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      types: [],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      verbatimModuleSyntax: true,
      baseUrl: ROOT,
      paths: { '@intc/runtime': ['packages/runtime/src/index.ts'] },
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || !d.file.fileName.startsWith(join(ROOT, 'packages', 'runtime', 'src')))
      .map((d) => `${d.file ? relative(dir, d.file.fileName) : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('secret values never appear in generated files or logs', () => {
  const VALUE = 'sk-live-7d2f9c1e4b8a';

  it('generate never reads them: with the values in the environment, no output and no message holds one', async () => {
    const dir = folder('secrets');
    cpSync(join(ROOT, 'examples', 'telegram', 'integration.yaml'), join(dir, 'integration.yaml'));
    for (const extra of ['icon.svg', 'readme.md']) if (existsSync(join(ROOT, 'examples', 'telegram', extra))) cpSync(join(ROOT, 'examples', 'telegram', extra), join(dir, extra));
    const env = { WEBHOOK_SECRET: VALUE, TELEGRAM_BOT_TOKEN: `${VALUE}-bot` };
    const run = await intc(dir, ['generate'], env);
    expect(run.code, output(run)).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(VALUE);
    const written = tree(dir);
    expect(written.size).toBeGreaterThan(5);
    for (const [path, text] of written) expect(text.includes(VALUE), path).toBe(false);
    expect(readFileSync(join(dir, 'src', 'generated', 'integration.ts'), 'utf8')).toContain('WEBHOOK_SECRET');
  });

  it('at run time, keeps a secret value out of the logger output and of the errors the runtime throws', async () => {
    const lines: string[] = [];
    const integration = new TelegramIntegration({
      register: async ({ logger, ctx }) => logger.info(`registering with ${ctx.secrets.WEBHOOK_SECRET}`),
      unregister: async () => {},
      handler: async ({ ctx, logger }) => {
        logger.warn('secret:', ctx.secrets.WEBHOOK_SECRET, { nested: [ctx.secrets.WEBHOOK_SECRET] }, new Error(`failed with ${ctx.secrets.WEBHOOK_SECRET}`));
        return { status: 200 };
      },
      actions: {} as never,
      channels: {} as never,
    });
    const instance = integration.start({ configuration: { botToken: '123456:abcdef' } as never, env: { WEBHOOK_SECRET: VALUE }, logger: (level, line) => lines.push(`${level} ${line}`) });
    await instance.register();
    await instance.handleWebhook({ body: '{}' });
    expect(lines.length).toBe(2);
    for (const line of lines) expect(line).not.toContain(VALUE);
    expect(lines.join('\n')).toContain('[redacted]');
    // Errors the runtime builds quote names and values from the call: the secret is redacted there too.
    for (const call of [() => instance.callAction(VALUE as never, {} as never), () => instance.callAction('sendMessage', { chatId: VALUE, [VALUE]: 1 } as never)]) {
      const error = await call().then(() => undefined, (thrown: unknown) => thrown as Error);
      expect(error).toBeInstanceOf(Error);
      expect(`${error!.message}\n${error!.stack ?? ''}`).not.toContain(VALUE);
    }
  });
});
