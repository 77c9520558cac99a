/**
 * The files `intc init` writes, per template, as data (path → text): the
 * starter manifest and code, and the project around it (package.json,
 * tsconfig, ignore files, editor settings). Nothing here touches the disk.
 */
import { basename } from 'node:path';
import { editorSettings } from './editor-association.js';
import { isReservedWord } from '../model/naming.js';
import { botManifest, BOT_TEST } from './starter-bot.js';
import { GREET_ACTION, greetTest, integrationManifest } from './starter-integration.js';
import { implementsInterface, interfaceManifest } from './starter-interface.js';
import { STARTER_TOOL_VERSIONS } from './starter-versions.js';

export const TEMPLATES = ['integration', 'interface', 'bot'] as const;
export type Template = (typeof TEMPLATES)[number];

export interface StarterNames {
  /** The manifest's and the package's name: lowercase `a-z0-9-`. */
  readonly name: string;
  readonly title: string;
}

export interface StarterFile {
  /** Relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly text: string;
  /** The starter manifest this file goes with: not written when that manifest existed (it would be a handler or test of another manifest). */
  readonly with?: string;
}

/** The name a folder gives a project: its own name in lowercase `a-z0-9-` (`My Bot` → `my-bot`). */
export function starterNames(folder: string, template: Template): StarterNames {
  const name =
    basename(folder)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^[^a-z]+/, '') || `my-${template}`;
  const title = name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  return { name, title };
}

/** Every file of a new project, sorted by path. `intcVersion` pins intc and @intc/runtime (the running intc's version). */
export function projectFiles(template: Template, names: StarterNames, intcVersion: string): StarterFile[] {
  const files: StarterFile[] = [...TEMPLATE_FILES[template](names), ...commonFiles(template, names, intcVersion)];
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const GREETER: StarterNames = { name: 'greeter', title: 'Greeter' };

const TEMPLATE_FILES: Record<Template, (names: StarterNames) => StarterFile[]> = {
  integration: (names) => [
    { path: 'integration.yaml', text: integrationManifest(names) },
    { path: 'src/actions/greet.ts', text: GREET_ACTION, with: 'integration.yaml' },
    { path: 'test/greet.test.ts', text: greetTest('../src/index.js'), with: 'integration.yaml' },
  ],
  // An interface has no code of its own: the project checks it and a sample implementation, generated and tested.
  interface: (names) => [
    { path: 'interface.yaml', text: interfaceManifest(names) },
    { path: 'example/integration.yaml', text: integrationManifest(GREETER, implementsInterface(interfaceAlias(names.name))), with: 'interface.yaml' },
    { path: 'example/src/actions/greet.ts', text: GREET_ACTION, with: 'example/integration.yaml' },
    { path: 'test/greet.test.ts', text: greetTest('../example/src/index.js'), with: 'example/integration.yaml' },
  ],
  bot: (names) => [
    { path: 'bot.yaml', text: botManifest(names) },
    { path: 'integrations/greeter/integration.yaml', text: integrationManifest(GREETER), with: 'bot.yaml' },
    { path: 'integrations/greeter/src/actions/greet.ts', text: GREET_ACTION, with: 'integrations/greeter/integration.yaml' },
    { path: 'test/bot.test.ts', text: BOT_TEST, with: 'bot.yaml' },
  ],
};

/** The alias example/ extends the interface under: its name in camelCase, which the generated index exports, so never a reserved word. */
function interfaceAlias(name: string): string {
  const alias = name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return isReservedWord(alias) ? `${alias}Interface` : alias;
}

/** Where each template's manifests and handler code are: what `intc generate`, `intc status` and tsc are given. */
const LAYOUT: Record<Template, { generate: string; status: string; sources: string[] }> = {
  integration: { generate: 'intc generate', status: 'intc status', sources: ['src'] },
  interface: { generate: 'intc validate interface.yaml && intc generate example', status: 'intc status example', sources: ['example/src'] },
  bot: { generate: 'intc generate integrations/greeter .', status: 'intc status integrations/greeter', sources: ['src', 'integrations/*/src'] },
};

function commonFiles(template: Template, names: StarterNames, intcVersion: string): StarterFile[] {
  const layout = LAYOUT[template];
  const generated = layout.sources.map((source) => `${source}/generated/`);
  return [
    json('package.json', packageJson(template, names, intcVersion)),
    json('tsconfig.json', tsconfig(layout.sources)),
    json('tsconfig.build.json', {
      extends: './tsconfig.json',
      compilerOptions: { noEmit: false, outDir: 'dist', rootDir: template === 'integration' ? 'src' : '.' },
      include: layout.sources,
    }),
    lines('.gitignore', [
      'node_modules/',
      'dist/',
      '# intc: the record of the last `intc generate` run (a cache), and the local host database',
      '.intc-state.json',
      '.intc/',
    ]),
    // GitHub folds generated files in pull-request diffs.
    lines('.gitattributes', generated.map((folder) => `${folder}** linguist-generated=true`)),
    lines('.prettierignore', ['# intc rewrites the generated folders on every run: format your code, not them', ...generated, 'dist/']),
    { path: 'eslint.config.js', text: eslintConfig(generated) },
    json('.vscode/settings.json', editorSettings()),
    json('.vscode/extensions.json', { recommendations: ['redhat.vscode-yaml'] }),
  ];
}

function packageJson(template: Template, names: StarterNames, intcVersion: string): object {
  const { generate, status } = LAYOUT[template];
  return {
    name: names.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    ...(template === 'integration' ? { main: 'dist/index.js' } : {}),
    engines: { node: '>=20' },
    scripts: {
      prebuild: generate,
      build: 'tsc -p tsconfig.build.json',
      pretest: generate,
      test: 'tsc && vitest run',
      // The handlers intc created that are still TODO, stale or unwired.
      status,
    },
    dependencies: { '@intc/runtime': intcVersion },
    // Sorted, as npm keeps them.
    devDependencies: Object.fromEntries(Object.entries({ intc: intcVersion, ...STARTER_TOOL_VERSIONS }).sort(([a], [b]) => (a < b ? -1 : 1))),
    // esbuild (used by intc and by vitest) checks its binary after install; npm 11 asks for approval otherwise.
    allowScripts: { esbuild: true },
  };
}

function tsconfig(sources: readonly string[]): object {
  return {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2022'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: [...sources, 'test'],
  };
}

function eslintConfig(generated: readonly string[]): string {
  return `// ESLint's flat config. intc rewrites the generated folders on every run, so they are not linted.
// Add your rules after the ignores, e.g. typescript-eslint: \`...tseslint.configs.recommended\`.
export default [
  {
    ignores: [${[...generated, 'dist/'].map((folder) => `"${folder}"`).join(', ')}],
  },
];
`;
}

function json(path: string, value: object): StarterFile {
  return { path, text: `${formatJson(value, '', 0)}\n` };
}

/**
 * JSON as Prettier writes it (so `prettier --check` passes on a new project):
 * objects one key a line, arrays of plain values on one line when the line
 * fits in Prettier's default 80 columns. `column`: where the value starts on its line.
 */
function formatJson(value: unknown, indent: string, column: number): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const plain = value.every((item) => typeof item !== 'object' || item === null);
    const oneLine = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    // The comma after it counts too.
    if (plain && column + oneLine.length + 1 <= 80) return oneLine;
    return `[\n${value.map((item) => `${inner}${formatJson(item, inner, inner.length)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => {
      const start = `${inner}${JSON.stringify(key)}: `;
      return `${start}${formatJson(item, inner, start.length)}`;
    });
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function lines(path: string, content: readonly string[]): StarterFile {
  return { path, text: `${content.join('\n')}\n` };
}
