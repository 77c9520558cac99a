/**
 * The handlers a file's types name, found in its text: `ActionHandlers['x']`,
 * `ActionProps<'x'>`, `MessageHandlers['ch']['t']`, `MessageProps<'ch', 't'>`
 * (also through an import alias or a namespace: `H['x']`, `G.ActionHandlers['x']`).
 * This is what a handler is for, whatever its file is called.
 */
export type HandlerReference = { readonly action: string } | { readonly channel: string; readonly type?: string };

const STRING = `(?:'([^'\\\\\\r\\n]*)'|"([^"\\\\\\r\\n]*)")`;

/** The references in the order they appear. */
export function handlerReferences(text: string): HandlerReference[] {
  const found: { at: number; reference: HandlerReference }[] = [];
  const heads = (...names: string[]) => [...names, ...names.flatMap((name) => aliasesOf(text, name))].join('|');
  const action = new RegExp(`(?<![\\w$])(?:${heads('ActionHandlers')})\\s*\\[\\s*${STRING}|(?<![\\w$])(?:${heads('ActionProps')})\\s*<\\s*${STRING}`, 'g');
  for (const match of text.matchAll(action)) {
    found.push({ at: match.index, reference: { action: firstDefined(match.slice(1))! } });
  }
  const message = new RegExp(
    `(?<![\\w$])(?:${heads('MessageHandlers')})\\s*\\[\\s*${STRING}\\s*\\](?:\\s*\\[\\s*${STRING})?` +
      `|(?<![\\w$])(?:${heads('MessageProps')})\\s*<\\s*${STRING}(?:\\s*,\\s*${STRING})?`,
    'g',
  );
  for (const match of text.matchAll(message)) {
    const channel = firstDefined([match[1], match[2], match[5], match[6]])!;
    const type = firstDefined([match[3], match[4], match[7], match[8]]);
    found.push({ at: match.index, reference: type === undefined ? { channel } : { channel, type } });
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.reference);
}

/** `H` in `import type { ActionHandlers as H }`. */
function aliasesOf(text: string, name: string): string[] {
  return [...text.matchAll(new RegExp(`(?<![\\w$])${name}\\s+as\\s+([A-Za-z_$][\\w$]*)`, 'g'))].map((match) => match[1]!.replace(/\$/g, '\\$'));
}

function firstDefined(values: readonly (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined);
}
