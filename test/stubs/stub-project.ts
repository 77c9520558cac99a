/**
 * A throwaway integration project on disk for the stub tests: a manifest
 * value turned into a model, a hand-made `generated/index.ts` exporting the
 * names the stubs rely on (the real emitters are tested elsewhere), a way to
 * run planStubs and write its files, and a `tsc --strict` check of the result.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { doNotEditHeader } from '../../packages/intc/src/emit/generated-file.js';
import { projectLayout, type LayoutOptions, type ProjectLayout } from '../../packages/intc/src/generate/project-layout.js';
import { toIntegrationModel, type IntegrationModel } from '../../packages/intc/src/model/integration-model.js';
import { planStubs, type StubPlan } from '../../packages/intc/src/stubs/plan-stubs.js';

export interface ManifestShape {
  readonly actions?: readonly string[];
  /** channel → message types */
  readonly channels?: Readonly<Record<string, readonly string[]>>;
  /** An action's input schema, or a message type's schema by `channel.type` (default `{ type: object }`). */
  readonly schemas?: Readonly<Record<string, object>>;
  /** `renamedFrom` by action, channel or `channel.type`. */
  readonly renamedFrom?: Readonly<Record<string, string>>;
}

export class StubProject {
  readonly root = mkdtempSync(join(tmpdir(), 'intc-stubs-'));
  model!: IntegrationModel;
  layout!: ProjectLayout;
  /** When set, each generate() remembers the plan's members for the next plan, as the run record does. */
  history: ReadonlyMap<string, string> | undefined;

  constructor(shape: ManifestShape, layoutOptions: LayoutOptions = {}) {
    this.setManifest(shape, layoutOptions);
    writeFileSync(join(this.root, 'package.json'), '{ "type": "module" }\n');
  }

  /** A new manifest (and layout); the hand-made generated index follows it. */
  setManifest(shape: ManifestShape, layoutOptions: LayoutOptions = {}): void {
    this.model = toIntegrationModel(manifestValue(shape), join(this.root, 'integration.yaml'));
    this.layout = projectLayout(this.model.manifestPath, layoutOptions);
    this.writeAbsolute(join(this.layout.generatedDir, 'index.ts'), generatedIndex(shape));
  }

  plan(force: boolean | ReadonlySet<string> = false): StubPlan {
    return planStubs(this.model, this.layout, { force, ...(this.history ? { previousMembers: this.history } : {}) }, (path) => this.readAbsolute(path));
  }

  /** Plans and writes; returns the plan. */
  generate(force: boolean | ReadonlySet<string> = false): StubPlan {
    const plan = this.apply(this.plan(force));
    if (this.history) this.history = plan.history;
    return plan;
  }

  /** Writes a plan's files (and deletes the old files of moved handlers); returns the plan. */
  apply(plan: StubPlan): StubPlan {
    for (const file of plan.files) if (file.status !== 'delete') this.writeAbsolute(file.path, file.content);
    for (const file of plan.files) if (file.status === 'delete') rmSync(file.path);
    return plan;
  }

  exists(rel: string): boolean {
    return existsSync(this.abs(rel));
  }

  /** Path relative to the project root, `/` separators. */
  rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  abs(rel: string): string {
    return join(this.root, rel);
  }

  read(rel: string): string {
    return readFileSync(this.abs(rel), 'utf8');
  }

  write(rel: string, text: string): void {
    this.writeAbsolute(this.abs(rel), text);
  }

  /** Makes `rel` a symbolic link to `targetRel` (both relative to the root). */
  link(rel: string, targetRel: string): void {
    this.remove(rel);
    mkdirSync(dirname(this.abs(rel)), { recursive: true });
    symlinkSync(this.abs(targetRel), this.abs(rel));
  }

  isLink(rel: string): boolean {
    return lstatSync(this.abs(rel)).isSymbolicLink();
  }

  remove(rel: string): void {
    rmSync(this.abs(rel), { recursive: true, force: true });
  }

  /** Type errors of the given files (and what they import), as `file(line,col): message`; NodeNext resolution unless `bundler`. */
  typeErrors(files: readonly string[], resolution: 'nodenext' | 'bundler' = 'nodenext'): string[] {
    const modules =
      resolution === 'bundler'
        ? { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }
        : { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    const program = ts.createProgram(
      files.map((file) => this.abs(file)),
      {
        strict: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        target: ts.ScriptTarget.ES2022,
        ...modules,
        lib: ['lib.es2022.d.ts'],
        types: [],
        noEmit: true,
      },
    );
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!diagnostic.file || diagnostic.start === undefined) return text;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${this.rel(diagnostic.file.fileName)}(${line + 1},${character + 1}): ${text}`;
    });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private readAbsolute(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  private writeAbsolute(path: string, text: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

function manifestValue(shape: ManifestShape): Record<string, unknown> {
  const schema = (key: string) => ({ schema: shape.schemas?.[key] ?? { type: 'object' } });
  const renamed = (key: string) => (shape.renamedFrom?.[key] === undefined ? {} : { renamedFrom: shape.renamedFrom[key] });
  return {
    name: 'stubs-test',
    version: '0.1.0',
    actions: Object.fromEntries((shape.actions ?? []).map((name) => [name, { ...renamed(name), input: schema(name), output: { schema: { type: 'object' } } }])),
    channels: Object.fromEntries(
      Object.entries(shape.channels ?? {}).map(([name, types]) => [
        name,
        { ...renamed(name), messages: Object.fromEntries(types.map((type) => [type, { ...renamed(`${name}.${type}`), ...schema(`${name}.${type}`) }])) },
      ]),
    ),
  };
}

/** Just the names stubs and index.ts import, with the shapes the real emitter gives them. */
function generatedIndex(shape: ManifestShape): string {
  const key = (name: string) => JSON.stringify(name);
  const actions = (shape.actions ?? []).map((name) => `  ${key(name)}: (props: ActionProps) => Promise<{ ok: boolean }>;\n`).join('');
  const channels = Object.entries(shape.channels ?? {})
    .map(([channel, types]) => `  ${key(channel)}: {\n${types.map((type) => `    ${key(type)}: (props: MessageProps) => Promise<void>;\n`).join('')}  };\n`)
    .join('');
  // The header intc writes: a folder intc wrote counts as a generated folder when it moves.
  return `${doNotEditHeader('integration.yaml')}// Hand-made stand-in for the generated index.
export interface CommonProps { readonly configuration: { readonly token: string }; readonly ctx: { readonly botId: string }; readonly client: object; readonly logger: { info(message: string): void } }
export interface ActionProps extends CommonProps { readonly input: Record<string, unknown> }
export interface MessageProps extends CommonProps { readonly payload: Record<string, unknown> }
export type ActionHandlers = {
${actions}};
export type MessageHandlers = {
${channels}};
export type ChannelHandlers = { [C in keyof MessageHandlers]: { messages: MessageHandlers[C] } };
export type RegisterHandler = (props: CommonProps & { readonly webhookUrl: string }) => Promise<void>;
export type UnregisterHandler = (props: CommonProps) => Promise<void>;
export type WebhookHandler = (props: CommonProps & { readonly req: { readonly body: string } }) => Promise<{ status: number } | void>;
export interface IntegrationImplementation {
  register: RegisterHandler;
  unregister: UnregisterHandler;
  handler: WebhookHandler;
  actions: ActionHandlers;
  channels: ChannelHandlers;
}
export class Integration {
  constructor(readonly implementation: IntegrationImplementation) {}
}
`;
}
