/**
 * `intc import` through the real CLI, on copies of real Botpress
 * integrations (fixtures/botpress, see its README) and of fixtures/import,
 * in one temporary workspace laid out like a Botpress checkout. Every
 * fixture is imported up front by one `intc import` process; the tests then check
 * what was written, that it validates, generates and type-checks, that the
 * generated definition.json names what the SDK resolves after `.extend()`,
 * that a second import gives the same bytes, and the refusals.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../packages/intc/src/diagnostics/diagnostic.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { BOTPRESS_FIXTURES, createWorkspace, definitionJsonNames, runCliAsync, sdkView, type CliRun, type SdkView } from './botpress-harness.js';
import { strictTypeErrors } from './strict-typecheck.js';

const TIMEOUT = 240_000;
const INTEGRATIONS = readdirSync(join(BOTPRESS_FIXTURES, 'integrations')).sort();
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

let workspace: string;
/** The one `intc import` run of every fixture. */
let firstImport: CliRun;
const views = new Map<string, SdkView>();

const integrationFolder = (name: string) => join(workspace, 'integrations', name);
const tickets = () => join(workspace, 'own', 'integrations', 'tickets');

beforeAll(async () => {
  workspace = createWorkspace();
  const folders = [...INTEGRATIONS.map((name) => join('integrations', name)), join('interfaces', 'message-state'), join('own', 'integrations', 'tickets')];
  firstImport = await runCliAsync(['import', ...folders], workspace);
  for (const folder of [...INTEGRATIONS.map((name) => join('integrations', name)), join('own', 'integrations', 'tickets')]) {
    views.set(folder, await sdkView(join(workspace, folder, 'integration.definition.ts')));
  }
}, TIMEOUT);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

/** Manifests (.yaml) below a folder, relative to it, `/`-separated, sorted. */
function yamlFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'src' || entry.name === 'intc') continue;
      if (entry.isDirectory()) walk(join(at, entry.name));
      else if (entry.name.endsWith('.yaml')) found.push(relative(folder, join(at, entry.name)).split('\\').join('/'));
    }
  };
  walk(folder);
  return found.sort();
}

function snapshot(folder: string): Map<string, { content: string; mtimeMs: number }> {
  return new Map(yamlFiles(folder).map((file) => [file, { content: readFileSync(join(folder, file), 'utf8'), mtimeMs: statSync(join(folder, file)).mtimeMs }]));
}


describe('intc import of real Botpress integrations', { timeout: TIMEOUT }, () => {
  it('covers telegram, slack, linear, whatsapp, zendesk and an LLM provider, and every interface but one', () => {
    expect(INTEGRATIONS.length).toBeGreaterThanOrEqual(12);
    expect(INTEGRATIONS).toEqual(expect.arrayContaining(['telegram', 'slack', 'linear', 'whatsapp', 'zendesk', 'anthropic', 'openai']));
    const extended = new Set(INTEGRATIONS.flatMap((name) => views.get(join('integrations', name))!.interfaces));
    expect([...extended].sort()).toEqual(readdirSync(join(BOTPRESS_FIXTURES, 'interfaces')).filter((name) => name !== 'message-state').sort());
  });

  it('imports them all in one run', () => {
    expect(firstImport.stderr).toBe('');
    expect(firstImport.status, firstImport.stdout).toBe(0);
  });

  it.each(INTEGRATIONS)('%s: writes integration.yaml and one interface.yaml per interface it extends', (name) => {
    const expected = ['integration.yaml', ...views.get(join('integrations', name))!.interfaces.map((iface) => `interfaces/${iface}/interface.yaml`)];
    expect(yamlFiles(integrationFolder(name))).toEqual(expected.sort());
    expect(firstImport.stdout).toMatch(
      new RegExp(`^Imported integrations/${name}/integration\\.definition\\.ts with @botpress/sdk 7\\.2\\.4: ${expected.length} manifests? \\(${expected.length} written, 0 unchanged\\)\\.$`, 'm'),
    );
  });

  it('imports an interface definition on its own', () => {
    const text = readFileSync(join(workspace, 'interfaces', 'message-state', 'interface.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*\/schema\/interface\.schema\.json\n# Imported by `intc import` from interface\.definition\.ts/);
    expect(text).toMatch(/^name: message-state$/m);
  });

  it('every imported manifest validates with no error, written as Botpress writes it', () => {
    const manifests = [...INTEGRATIONS.map((name) => join(integrationFolder(name), 'integration.yaml')), join(workspace, 'interfaces', 'message-state', 'interface.yaml')];
    const errors = validate(manifests).diagnostics.filter((d) => d.severity === 'error');
    const unexpected = errors.map((d) => `${relative(workspace, d.location.file)}:${d.location.start.line}:${d.location.start.column} ${d.code}: ${d.message}`);
    expect(unexpected).toEqual([]);
  });

  it('every imported manifest generates; the code and stubs type-check under tsc --strict; definition.json names what the SDK resolves', async () => {
    const candidates = [tickets(), ...INTEGRATIONS.map(integrationFolder)];
    const clean = candidates.filter((folder) => validate([join(folder, 'integration.yaml')]).diagnostics.every((d) => d.severity !== 'error'));
    expect(clean).toEqual(candidates);
    // Into intc/: a Botpress integration's src/ holds its own code (some of it imported by its definition).
    const run = await runCliAsync(['generate', ...clean.map((folder) => relative(workspace, folder)), '--out', 'intc/generated', '--src', 'intc/src'], workspace);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    for (const folder of clean) {
      const definition = JSON.parse(readFileSync(join(folder, 'intc', 'generated', 'definition.json'), 'utf8')) as Record<string, unknown>;
      expect(definitionJsonNames(definition), relative(workspace, folder)).toEqual(views.get(relative(workspace, folder))!.names);
    }
    const sources = clean.flatMap((folder) => typeScriptFiles(join(folder, 'intc')));
    expect(sources.length).toBeGreaterThan(0);
    // Botpress projects bundle their code (no `"type": "module"`): bundler resolution, as README says.
    expect(strictTypeErrors(sources, 'bundler', workspace)).toEqual([]);
  });

  it('gives the same bytes when imported again with --force, and rewrites nothing', async () => {
    const folders = [...INTEGRATIONS.map(integrationFolder), tickets()];
    const before = folders.map(snapshot);
    const run = await runCliAsync(['import', ...folders.map((folder) => relative(workspace, folder)), '--force'], workspace);
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout.match(/^Imported .*\(0 written, \d+ unchanged\)\.$/gm)).toHaveLength(folders.length);
    folders.forEach((folder, index) => expect(snapshot(folder), relative(workspace, folder)).toEqual(before[index]));
  });
});

describe('the imported manifest', () => {
  it('keeps the own members and writes one interfaces: entry per .extend() call, with its renames and overrides', () => {
    const text = readFileSync(join(tickets(), 'integration.yaml'), 'utf8');
    expect(text).toContain(
      [
        'interfaces:',
        '  listableQueue:',
        '    from: ./interfaces/listable',
        '    entities:',
        '      item: queue',
        '    actions:',
        '      list:',
        '        name: queueList',
        '        description: Lists the queues',
        '    events:',
        '      itemListed:',
        '        name: queueListed',
        '  listableTicket:',
        '    from: ./interfaces/listable',
        '    entities:',
        '      item: ticket',
        '    actions:',
        '      list:',
        '        name: ticketList',
        '        title: List tickets',
        '    events:',
        '      itemListed:',
        '        name: ticketListed',
        '',
      ].join('\n'),
    );
    expect(text).toMatch(/^actions:\n {2}closeTicket:\n/m);
    expect(text).not.toMatch(/^ {2}ticketList:/m);
    // Paths the definition gives stay valid from where the manifest is.
    expect(text).toMatch(/^icon: icon\.svg$/m);
    expect(text).toMatch(/^ {4}linkTemplateScript: linkTemplate\.vrl$/m);
  });

  it("writes each interface once, its entity references as '#/entities/<entity>'", () => {
    const text = readFileSync(join(tickets(), 'interfaces', 'listable', 'interface.yaml'), 'utf8');
    expect(text).toContain("            items:\n              $ref: '#/entities/item'\n");
    expect(text).toContain("        item:\n          $ref: '#/entities/item'\n");
  });

  it('points paths at the definition folder when written elsewhere with --out', async () => {
    const run = await runCliAsync(['import', 'own/integrations/tickets', '--out', 'elsewhere/tickets'], workspace);
    expect(run.status, run.stdout).toBe(0);
    const text = readFileSync(join(workspace, 'elsewhere', 'tickets', 'integration.yaml'), 'utf8');
    expect(text).toMatch(/^icon: \.\.\/\.\.\/own\/integrations\/tickets\/icon\.svg$/m);
    expect(text).toMatch(/^# Imported by `intc import` from \.\.\/\.\.\/own\/integrations\/tickets\/integration\.definition\.ts with @botpress\/sdk 7\.2\.4\.$/m);
    expect(validate([join(workspace, 'elsewhere', 'tickets', 'integration.yaml')]).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // An extended interface's own files are not known from the package: its readme is left out.
    expect(readFileSync(join(workspace, 'elsewhere', 'tickets', 'interfaces', 'listable', 'interface.yaml'), 'utf8')).not.toMatch(/^readme:/m);
    const direct = await runCliAsync(['import', 'own/interfaces/listable', '--out', 'elsewhere/listable'], workspace);
    expect(direct.status, direct.stdout).toBe(0);
    expect(direct.stdout).toMatch(/\nNext: intc validate elsewhere\/listable\n$/);
    expect(readFileSync(join(workspace, 'elsewhere', 'listable', 'interface.yaml'), 'utf8')).toMatch(/^readme: \.\.\/\.\.\/own\/interfaces\/listable\/hub\.md$/m);
  });
});

describe('intc import writes nothing when', () => {
  it('a manifest exists and --force is not given, naming each such file', async () => {
    const folder = integrationFolder('telegram');
    const before = snapshot(folder);
    writeFileSync(join(folder, 'integration.json'), '{}\n');
    const run = await runCliAsync(['import', 'integrations/telegram'], workspace);
    rmSync(join(folder, 'integration.json'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("integrations/telegram/integration.yaml:1:1 - error manifest-exists: 'integration.yaml' exists and intc import does not overwrite it: pass --force");
    expect(run.stdout).toContain("integrations/telegram/interfaces/typing-indicator/interface.yaml:1:1 - error manifest-exists: 'interface.yaml' exists");
    expect(run.stdout).toContain("integrations/telegram/integration.json:1:1 - error manifest-exists: 'integration.json' exists");
    expect(run.stdout).toMatch(/Nothing written\.\n$/);
    expect(snapshot(folder)).toEqual(before);
  });

  it('any of the definitions named fails (the others are not written either)', async () => {
    const folder = integrationFolder('telegram');
    const before = snapshot(folder);
    const run = await runCliAsync(['import', 'integrations/telegram', 'own/integrations/broken', '--force'], workspace);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error definition-load-failed');
    expect(snapshot(folder)).toEqual(before);
  });

  it('@botpress/sdk is not installed where the definition is', async () => {
    const alone = join(workspace, '..', `${relative(join(workspace, '..'), workspace)}-alone`);
    cpSync(join(workspace, 'own'), alone, { recursive: true, filter: (source) => !source.endsWith('.yaml') });
    try {
      const run = await runCliAsync(['import', join(alone, 'integrations', 'tickets')], alone);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        'integrations/tickets/integration.definition.ts:1:1 - error botpress-sdk-missing: Cannot use @botpress/sdk for this definition: it is not installed where the definition is.',
      );
      expect(run.stdout).toContain('install the project');
      expect(yamlFiles(alone)).toEqual([]);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it('the definition throws: its message, located at the line that threw', async () => {
    const run = await runCliAsync(['import', 'own/integrations/broken'], workspace);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'own/integrations/broken/integration.definition.ts:5:9 - error definition-load-failed: The definition failed to load: BROKEN_TITLE is not set: the definition needs it to build its schemas',
    );
    expect(run.stdout).toContain('> 5 |   throw new Error(');
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    expect(yamlFiles(join(workspace, 'own', 'integrations', 'broken'))).toEqual([]);
  });

  it('an import cannot be resolved: located where esbuild says', async () => {
    const run = await runCliAsync(['import', 'own/integrations/unresolved', '--format', 'json'], workspace);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number; code: string; message: string }[]; files: unknown[]; summary: string };
    expect(report.diagnostics).toEqual([
      {
        file: 'own/integrations/unresolved/integration.definition.ts',
        line: 3,
        column: 25,
        endLine: 3,
        endColumn: 48,
        severity: 'error',
        code: 'definition-load-failed',
        message: 'The definition failed to load: Could not resolve "./definitions/actions".',
      },
    ]);
    expect(report.files).toEqual([]);
    expect(report.summary).toBe('Nothing written.');
  });

  it("the SDK's converter refuses a schema: which one, and the converter's words", async () => {
    const run = await runCliAsync(['import', 'own/integrations/date-field'], workspace);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'own/integrations/date-field/integration.definition.ts:1:1 - error schema-conversion-failed: The SDK could not convert the schema of action setDueDate input to JSON Schema: #.dueAt : Zod type ZodDate cannot be transformed to JSON Schema. Suggested alternative: use z.string().datetime() instead',
    );
    expect(yamlFiles(join(workspace, 'own', 'integrations', 'date-field'))).toEqual([]);
  });

  it('an interface is declared in the constructor rather than extended', async () => {
    const run = await runCliAsync(['import', 'own/integrations/declared-interfaces'], workspace);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "own/integrations/declared-interfaces/integration.definition.ts:1:1 - error definition-load-failed: The definition failed to load: it implements 'listable' without a `.extend()` call",
    );
  });

  it('there is no definition where it points', async () => {
    const run = await runCliAsync(['import', 'own'], workspace);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("own:1:1 - error definition-not-found: No Botpress definition at 'own'");
  });
});

describe('intc import also', () => {
  it('uses a generated bp_modules/<name> as it is', async () => {
    const project = join(workspace, 'own', 'integrations', 'generated-bp-modules');
    cpSync(tickets(), project, { recursive: true, filter: (source) => !/interfaces|src|\.yaml$/.test(relative(tickets(), source)) });
    mkdirSync(join(project, 'bp_modules', 'listable'), { recursive: true });
    writeFileSync(
      join(project, 'bp_modules', 'listable', 'index.ts'),
      "import definition from '../../../../interfaces/listable/interface.definition'\nexport default { type: 'interface', name: 'listable', version: '1.0.0-generated', definition } as const\n",
    );
    const run = await runCliAsync(['import', relative(workspace, project)], workspace);
    expect(run.status, run.stdout).toBe(0);
    expect(readFileSync(join(project, 'integration.yaml'), 'utf8')).toContain('from: ./interfaces/listable');
    expect(readFileSync(join(project, 'interfaces', 'listable', 'interface.yaml'), 'utf8')).toMatch(/Interface listable 1\.0\.0-generated\.\n/);
  });

  it('reports a JSON summary of the files it wrote', async () => {
    const run = await runCliAsync(['import', 'own/integrations/tickets', '--out', 'json-out', '--format', 'json'], workspace);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      diagnostics: [],
      errorCount: 0,
      warningCount: 0,
      files: [
        { file: 'json-out/integration.yaml', status: 'created' },
        { file: 'json-out/interfaces/listable/interface.yaml', status: 'created' },
      ],
      summary: 'Imported own/integrations/tickets/integration.definition.ts with @botpress/sdk 7.2.4: 2 manifests (2 written, 0 unchanged).',
    });
  });

  it('refuses a bad command line with exit 2 and its usage', async () => {
    const run = await runCliAsync(['import', 'a', 'b', '--out', 'c'], workspace);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--out is the folder of one import: name one definition with it.');
    expect(run.stderr).toContain('Usage: intc import [definition or folder...] [options]');
    const help = await runCliAsync(['import', '--help'], workspace);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--force');
  });
});

function typeScriptFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? typeScriptFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}
