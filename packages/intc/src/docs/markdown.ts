/**
 * Markdown building blocks for `intc docs`: text from a manifest is made
 * safe where it lands (a paragraph, a heading, a table cell, a code span),
 * so no description can break a table, open raw HTML, or end the generated
 * section early (`<` is always written `&lt;`).
 */

/** Prose from the manifest (a description): raw HTML and comment markers neutralized, markdown kept. */
export function escapeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim().replace(/&(?=[#a-zA-Z0-9]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line of text: a title in a heading or a cell. */
export function escapeLine(text: string): string {
  return escapeText(text).replace(/\s*\n\s*/g, ' ');
}

/**
 * Text in a table cell: pipes escaped, line breaks as `<br>`, and a backtick
 * that would open a code span to the end of the row escaped (balanced pairs
 * are the author's code spans and stay).
 */
export function escapeCell(text: string): string {
  const escaped = escapeText(text).replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  return countOf(escaped, '`') % 2 === 0 ? escaped : escaped.replace(/`/g, '\\`');
}

/** A code span holding `text` exactly, whatever backticks it has; in a table cell, pipes are escaped too. */
export function codeSpan(text: string, inTable = false): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((run) => run.length)) + 1);
  const padded = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ` ${text} ` : text;
  const body = padded.replace(/\r\n?|\n/g, ' ');
  return `${fence}${inTable ? body.replace(/\|/g, '\\|') : body}${fence}`;
}

/** A GitHub-flavoured table; every cell already escaped. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * The anchors GitHub (and most renderers, github-slugger) give headings:
 * the heading's text, lowercased, without punctuation, spaces as hyphens;
 * a repeated one gets `-1`, `-2`…
 */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(headingText: string): string {
    const base = headingText
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  }
}

/** What a heading's markdown shows as text (code spans and escapes undone), for its anchor. */
export function headingText(markdown: string): string {
  return markdown.replace(/`+/g, '').replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === character && text[i - 1] !== '\\') count++;
  return count;
}
