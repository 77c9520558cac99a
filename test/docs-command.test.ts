/**
 * `intc docs`: the hub readme of a rich fixture against a committed golden
 * (test/golden-docs/rich.expected.md; UPDATE_GOLDEN=1 rewrites it), the
 * author's prose kept byte for byte across regenerations, --check,
 * determinism, where it may write, the markers, and Markdown escaping.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../packages/intc/src/cli/io.js';
import { main } from '../packages/intc/src/cli/main.js';
import { codeSpan, escapeCell, escapeText, Slugger } from '../packages/intc/src/docs/markdown.js';
import { DOCS_END, DOCS_START, spliceSection } from '../packages/intc/src/docs/readme-section.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(root, 'test', 'golden-docs', 'rich');
const golden = join(root, 'test', 'golden-docs', 'rich.expected.md');
const base = mkdtempSync(join(tmpdir(), 'intc-docs-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let counter = 0;
function copyFixture(): string {
  const dir = join(base, `rich-${++counter}`);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function docs(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, color: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(['docs', ...argv], io);
  return { code, stdout, stderr };
}

const read = (path: string) => readFileSync(path, 'utf8');
const edit = (path: string, change: (text: string) => string) => writeFileSync(path, change(read(path)));

describe('intc docs: the golden readme', () => {
  it('writes the reference of the rich fixture into its readme, after the prose already there', async () => {
    const dir = copyFixture();
    const result = await docs([], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('Updated the generated section of hub.md.\n');
    const written = read(join(dir, 'hub.md'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, written);
    expect(written).toBe(read(golden));
    expect(written.startsWith(read(join(fixture, 'hub.md')))).toBe(true);
  });

  it('covers what a hub reader needs', () => {
    const text = read(golden);
    for (const expected of [
      '| `apiToken` | string | yes |  | API token | yes |', // x-zui.secret
      '| `password` | string | no |  | Only for basic auth \\| legacy | yes |', // writeOnly, escaped pipe
      '| `customer.address.city` | string | no |  |  |', // dotted path
      '| `attachments[].url` | string (uri) | yes |  |  |', // array items
      '| `assignee` | [Agent](#agent-agent) | no |  |  |', // entity link
      '### Agent (`agent`)', // the section it links to
      '### Draft a reply (`draftReply`)', // an interface member under its new name, with the override's title
      'actions: `generateContent` → `draftReply`; events: `quotaReached`', // interface renames
      '| `acme_message_id` | Message ID |  |', // message tags
      '| `SIGNING_KEY` | yes | Verifies webhook signatures |', // secrets
      '**Subject**: One line,<br>shown in lists', // newline in a cell
      'a lone \\` backtick', // unbalanced backtick escaped
      'Works with the `v2` API (not &lt;v1&gt;).', // raw HTML neutralized
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe('Prettier over the readme', () => {
  it('leaves the generated section as intc wrote it (a range it ignores), so `intc docs --check` still passes', async () => {
    const dir = copyFixture();
    await docs([], dir);
    const readme = join(dir, 'hub.md');
    const written = read(readme);
    const section = written.slice(written.indexOf(DOCS_START), written.indexOf(DOCS_END) + DOCS_END.length);
    const unguarded = section.split('\n').filter((line) => !line.startsWith('<!-- prettier-ignore-')).join('\n');
    expect(await format(unguarded, { parser: 'markdown' })).not.toBe(`${unguarded}\n`); // Prettier would align the tables
    const formatted = await format(written, { parser: 'markdown' });
    expect(formatted).toContain(section);
    writeFileSync(readme, formatted);
    expect((await docs(['--check'], dir)).code).toBe(0);
  });
});

describe('the author keeps the prose', () => {
  it('regenerating rewrites only the section; text before and after stays byte for byte', async () => {
    const dir = copyFixture();
    await docs([], dir);
    const readme = join(dir, 'hub.md');
    const generated = read(readme);
    const before = '# Acme Helpdesk\r\n\r\nMy own words, with a trailing space \nand a table:\n\n| a | b |\n|---|---|\n';
    const after = '\n## Support\n\nWrite to support@acme.example.\n';
    const section = generated.slice(generated.indexOf(DOCS_START));
    writeFileSync(readme, `${before}${section}${after}`);
    edit(join(dir, 'integration.yaml'), (t) => t.replace('title: Create ticket', 'title: Open a ticket'));
    expect((await docs([], dir)).code).toBe(0);
    const regenerated = read(readme);
    expect(regenerated.startsWith(before)).toBe(true);
    expect(regenerated.endsWith(`${DOCS_END}\n${after}`)).toBe(true);
    expect(regenerated).toContain('### Open a ticket (`createTicket`)');
    expect(regenerated).not.toContain('### Create ticket');
  });

  it('a new readme gets a title and the section; the manifest without `readme` gets hub.md', async () => {
    const dir = copyFixture();
    rmSync(join(dir, 'hub.md'));
    edit(join(dir, 'integration.yaml'), (t) => t.replace('readme: hub.md\n', ''));
    const result = await docs([], dir);
    expect(result.stdout).toBe('Created hub.md.\n');
    const text = read(join(dir, 'hub.md'));
    expect(text.startsWith(`# Acme Helpdesk\n\n${DOCS_START}\n`)).toBe(true);
    expect(text.endsWith(`${DOCS_END}\n`)).toBe(true);
  });

  it('--out names another file, relative to the manifest folder; the icon link is relative to it', async () => {
    const dir = copyFixture();
    const result = await docs([dir, '--out', 'docs/README.md'], base);
    expect(result.code).toBe(0);
    const text = read(join(dir, 'docs/README.md'));
    expect(text).toContain('![Acme Helpdesk icon](../icon.svg)');
    expect(read(join(dir, 'hub.md'))).toBe(read(join(fixture, 'hub.md')));
  });

  it('keeps CRLF line endings of an existing readme', async () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'hub.md'), '# Acme\r\n\r\nIntro.\r\n');
    await docs([], dir);
    const text = read(join(dir, 'hub.md'));
    expect(text.startsWith('# Acme\r\n\r\nIntro.\r\n\r\n<!-- intc:docs:start -->\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('--check and determinism', () => {
  it('--check writes nothing: exit 1 with a diff when stale, exit 0 when up to date', async () => {
    const dir = copyFixture();
    const readme = join(dir, 'hub.md');
    const original = read(readme);
    const stale = await docs(['--check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('--- a/hub.md\n+++ b/hub.md\n');
    expect(stale.stdout).toContain('+### Create ticket (`createTicket`)');
    expect(stale.stdout).toContain("Out of date: hub.md. Run 'intc docs' to update it.");
    expect(read(readme)).toBe(original);

    await docs([], dir);
    const mtime = statSync(readme).mtimeMs;
    const fresh = await docs(['--check'], dir);
    expect(fresh).toMatchObject({ code: 0, stdout: 'Up to date: hub.md.\n' });
    const again = await docs([], dir);
    expect(again.stdout).toBe('Up to date: hub.md.\n');
    expect(statSync(readme).mtimeMs).toBe(mtime);
  });

  it('the same manifest gives the same bytes, whatever the order of its members', async () => {
    const first = copyFixture();
    const second = copyFixture();
    // Swap the two actions and the two states in the second copy.
    edit(join(second, 'integration.yaml'), (t) => {
      const actions = /\n {2}createTicket:[\s\S]*?(?=\n {2}getTicket:)/.exec(t)![0];
      const moved = t.replace(actions, '');
      return moved.replace(/(\n {2}getTicket:[\s\S]*?)(\n\nevents:)/, `$1${actions}$2`).replace(/(\n {2}sync:[\s\S]*?)(\n {2}draft:[\s\S]*?)(\n\nuser:)/, '$2$1$3');
    });
    expect(read(join(second, 'integration.yaml'))).not.toBe(read(join(first, 'integration.yaml')));
    await docs([], first);
    await docs([], second);
    expect(read(join(second, 'hub.md'))).toBe(read(join(first, 'hub.md')));
  });
});

describe('where intc docs writes', () => {
  it.each([['../outside.md'], ['notes.txt'], ['integration.yaml']])('refuses --out %s: exit 2, nothing written', async (out) => {
    const dir = copyFixture();
    const result = await docs(['--out', out], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: intc docs');
    expect(existsSync(join(dir, '..', 'outside.md'))).toBe(false);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(false);
    expect(read(join(dir, 'integration.yaml'))).toBe(read(join(fixture, 'integration.yaml')));
  });

  it("refuses a manifest's `readme` outside its folder", async () => {
    const dir = copyFixture();
    edit(join(dir, 'integration.yaml'), (t) => t.replace('readme: hub.md', 'readme: ../shared.md'));
    writeFileSync(join(dir, '..', 'shared.md'), 'shared\n');
    const result = await docs([], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("it is outside the manifest's folder");
    expect(read(join(dir, '..', 'shared.md'))).toBe('shared\n');
  });

  it('refuses a readme that is a symbolic link', async () => {
    const dir = copyFixture();
    const target = join(base, `target-${counter}.md`);
    writeFileSync(target, 'outside\n');
    rmSync(join(dir, 'hub.md'));
    symlinkSync(target, join(dir, 'hub.md'));
    const result = await docs([], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('symbolic link');
    expect(read(target)).toBe('outside\n');
  });

  it('writes nothing from a manifest with errors', async () => {
    const dir = copyFixture();
    edit(join(dir, 'integration.yaml'), (t) => t.replace('  createTicket:', '  Create_Ticket:'));
    const result = await docs([], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error invalid-name');
    expect(result.stdout).toContain('Nothing written.');
    expect(read(join(dir, 'hub.md'))).toBe(read(join(fixture, 'hub.md')));
  });

  it('refuses a readme with unbalanced markers, and says what to fix', async () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'hub.md'), `# A\n\n${DOCS_START}\nold\n${DOCS_START}\n`);
    const result = await docs([], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("it has 2 '<!-- intc:docs:start -->' and 0 '<!-- intc:docs:end -->' lines; keep exactly one of each");
  });
});

describe('the generated section', () => {
  // Prettier's range ignore: `prettier --write` over the readme leaves the section as intc wrote it.
  const IGNORE_START = '<!-- prettier-ignore-start -->';
  const IGNORE_END = '<!-- prettier-ignore-end -->';

  it('markers inside a fenced code block are text', () => {
    const readme = `# A\n\n\`\`\`md\n${DOCS_START}\nexample\n${DOCS_END}\n\`\`\`\n`;
    const result = spliceSection(readme, 'body\n', 'A');
    expect(result).toEqual({ ok: true, text: `${readme}\n${DOCS_START}\n${IGNORE_START}\nbody\n\n${IGNORE_END}\n${DOCS_END}\n` });
  });

  it('replaces the marker lines and what is between them, nothing else', () => {
    const result = spliceSection(`x\n  ${DOCS_START}\nold\n${DOCS_END}  \ny`, 'new\n', 'A');
    expect(result).toEqual({ ok: true, text: `x\n${DOCS_START}\n${IGNORE_START}\nnew\n\n${IGNORE_END}\n${DOCS_END}\ny` });
  });
});

describe('Markdown escaping', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['two\nlines', 'two<br>lines'],
    ['a `code` span', 'a `code` span'],
    ['a lone ` backtick', 'a lone \\` backtick'],
    ['<script>x</script>', '&lt;script&gt;x&lt;/script&gt;'],
    [`ends the section ${DOCS_END}`, 'ends the section &lt;!-- intc:docs:end --&gt;'],
  ])('cell %j → %j', (text, want) => {
    expect(escapeCell(text)).toBe(want);
  });

  it('code spans hold any text', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
  });

  it('prose keeps markdown but not raw HTML', () => {
    expect(escapeText('**bold** <b>html</b> &amp; & more')).toBe('**bold** &lt;b&gt;html&lt;/b&gt; &amp;amp; & more');
  });

  it('anchors follow GitHub: punctuation dropped, repeats numbered', () => {
    const slugger = new Slugger();
    expect([slugger.slug('Agent (agent)'), slugger.slug('Agent (agent)'), slugger.slug('Ünïcode & more!')]).toEqual(['agent-agent', 'agent-agent-1', 'ünïcode--more']);
  });
});
