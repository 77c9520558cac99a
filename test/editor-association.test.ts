/**
 * The editor association `intc init` writes, proved with the real YAML
 * language server (yaml-language-server, what VS Code's YAML extension runs)
 * driven over stdio LSP: in a project made by `intc init`, with the packed
 * intc installed (test/packed-tarballs.ts), manifests nested folders deep and
 * with no modeline get the meta-schema's diagnostics, because the settings of
 * the generated `.vscode/settings.json` associate the schemas by file name.
 * A YAML file that is no manifest gets none.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './fixture-harness.js';
import { packedTarballs } from './packed-tarballs.js';

interface Diagnostic {
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
  readonly message: string;
  readonly source?: string;
  /** yaml-language-server's: the schemas the document was validated against. */
  readonly data?: { readonly schemaUri?: readonly string[] };
}

/** A client of one language server over stdio: requests, notifications, and the server's own requests answered. */
class LspClient {
  readonly #server: ChildProcessWithoutNullStreams;
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  readonly #pending = new Map<number, (result: unknown) => void>();
  /** The last diagnostics published for each document. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly #waiters: (() => void)[] = [];

  constructor(
    command: string,
    args: readonly string[],
    private readonly answer: (method: string, params: any) => unknown,
  ) {
    this.#server = spawn(command, args, { stdio: 'pipe' });
    this.#server.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.#nextId++;
    this.#send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.#pending.set(id, resolve));
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves once `ready()` holds after a publication, or rejects after `ms`. */
  async until(ready: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; published: ${JSON.stringify([...this.diagnostics])}`);
      await new Promise<void>((wake) => {
        this.#waiters.push(wake);
        setTimeout(wake, 250);
      });
    }
  }

  /** LSP's shutdown, then exit; killed if it lingers. */
  async stop(): Promise<void> {
    if (this.#server.exitCode !== null || this.#server.signalCode !== null) return;
    const exited = new Promise((done) => this.#server.once('exit', done));
    await Promise.race([this.request('shutdown', null), new Promise((wake) => setTimeout(wake, 2000))]);
    this.notify('exit', null);
    this.#server.stdin.end();
    const timer = setTimeout(() => this.#server.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  #send(message: object): void {
    const body = Buffer.from(JSON.stringify(message));
    this.#server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as { id?: number; method?: string; params?: any; result?: unknown };
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      this.#handle(message);
    }
  }

  #handle(message: { id?: number; method?: string; params?: any; result?: unknown }): void {
    if (message.method === undefined) {
      this.#pending.get(message.id!)?.(message.result);
      return;
    }
    if (message.id !== undefined) {
      this.#send({ jsonrpc: '2.0', id: message.id, result: this.answer(message.method, message.params) ?? null });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.set(message.params.uri as string, message.params.diagnostics as Diagnostic[]);
      for (const wake of this.#waiters.splice(0)) wake();
    }
  }
}

let work: string;
let project: string;
let server: LspClient;

/** Each file, its text with an unknown top-level key (`actoins:`, line 4, 0-based 3) and no modeline. */
const MANIFEST = 'name: acme\nversion: 0.1.0\ndescription: A manifest nested deep.\nactoins:\n  greet: {}\n';
const FILES = {
  twoDeep: 'packages/a/b/integration.yaml',
  named: 'deep/er/still/slack.integration.yml',
  bot: 'bots/helpdesk/bot.yaml',
  notAManifest: 'packages/a/b/config.yaml',
} as const;

beforeAll(async () => {
  const packed = await packedTarballs();
  work = mkdtempSync(join(tmpdir(), 'intc-editor-'));
  project = join(work, 'app');
  const init = runCli(['init', project], work);
  expect(init.status, init.stderr).toBe(0);
  // The packed intc, installed (the shared project's node_modules: intc and @intc/runtime from the tarballs).
  symlinkSync(join(packed.project, 'node_modules'), join(project, 'node_modules'), 'dir');
  for (const path of Object.values(FILES)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), MANIFEST);
  }

  const settings = JSON.parse(readFileSync(join(project, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
  // VS Code hands the server its `yaml` section: the workspace's settings over the extension's defaults (validate: true).
  const yamlSection = { validate: true, schemas: settings['yaml.schemas'] };
  const serverBin = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  server = new LspClient(process.execPath, [serverBin, '--stdio'], (method, params) =>
    method === 'workspace/configuration' ? (params.items as { section?: string }[]).map((item) => (item.section === 'yaml' ? yamlSection : null)) : null,
  );
  const rootUri = pathToFileURL(project).href;
  await server.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'app' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: {} } },
  });
  server.notify('initialized', {});
  server.notify('workspace/didChangeConfiguration', { settings: null });
  for (const path of Object.values(FILES)) {
    server.notify('textDocument/didOpen', { textDocument: { uri: uriOf(path), languageId: 'yaml', version: 1, text: MANIFEST } });
  }
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

const uriOf = (path: string) => pathToFileURL(join(project, path)).href;
const unknownKey = (path: string) => (server.diagnostics.get(uriOf(path)) ?? []).filter((d) => /actoins/.test(d.message));

describe('the YAML language server with the settings intc init writes', { timeout: 60_000 }, () => {
  it.each([
    ['integration.yaml two folders deep', FILES.twoDeep, 'integration'],
    ['<name>.integration.yml three folders deep', FILES.named, 'integration'],
    ['bot.yaml in a folder', FILES.bot, 'bot'],
  ])('%s, with no modeline: the unknown key is flagged where it is, against the installed schema', async (_, path, kind) => {
    await server.until(() => unknownKey(path).length > 0, 30_000, `a diagnostic on ${path}`);
    const [diagnostic] = unknownKey(path);
    expect(diagnostic!.message).toMatch(/Property actoins is not allowed/);
    expect(diagnostic!.range.start).toEqual({ line: 3, character: 0 });
    expect(diagnostic!.source).toBe(`yaml-schema: ${kind === 'bot' ? 'Bot' : 'Integration'} manifest`);
    expect(diagnostic!.data?.schemaUri).toEqual([pathToFileURL(join(project, 'node_modules', 'intc', 'schema', `${kind}.schema.json`)).href]);
    expect((server.diagnostics.get(uriOf(path)) ?? []).map((d) => d.message).join('\n')).not.toMatch(/Unable to load schema/);
  });

  it('a YAML file that is no manifest gets no schema', async () => {
    await server.until(() => server.diagnostics.has(uriOf(FILES.notAManifest)), 30_000, 'the diagnostics of config.yaml');
    await server.until(() => unknownKey(FILES.twoDeep).length > 0, 30_000, 'the manifests validated');
    expect(server.diagnostics.get(uriOf(FILES.notAManifest))).toEqual([]);
  });
});
