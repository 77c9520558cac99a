/**
 * The dev console's page (`GET /` on `intc dev`): one self-contained HTML
 * document, its style sheet and script inline, so it works with no network
 * and needs no build step or files beside the host's modules. The script is
 * browser.ts: TypeScript checked with the DOM's types, compiled with the
 * host, and written into the page as the source text of its functions (see
 * there for what that asks of it). Everything the page shows it fetches
 * from the dev API (dev-api.ts) and its event stream.
 */
import * as browser from './browser.js';
import { CONSOLE_STYLES } from './styles.js';

let page: string | undefined;

/** The page, built once. */
export function consolePage(): string {
  page ??= `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>intc dev</title>
<style>${CONSOLE_STYLES}</style>
<header><h1>intc dev</h1><span id="connection">connecting…</span></header>
<div id="reload-error" role="alert" hidden></div>
<nav><ul id="targets"></ul></nav>
<main id="target"><p class="hint">Loading…</p></main>
<script>
${browserScript(browser)}
</script>
</html>
`;
  return page;
}

/**
 * The source of every function a module exports, then `main();`. Throws (a
 * bug in browser.ts) for an export that is not a function declaration
 * (its source would not be a statement) and for `</script` in the text.
 */
export function browserScript(module: { readonly [name: string]: unknown }): string {
  const functions = Object.entries(module)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => {
      const source = typeof value === 'function' ? String(value) : '';
      if (!/^(async\s+)?function\b/.test(source)) throw new Error(`console/browser.ts exports ${name}, which is not a function declaration: the page carries only those.`);
      return source;
    });
  const script = `'use strict';\n${functions.join('\n')}\nmain();`;
  if (/<\/script/i.test(script)) throw new Error('console/browser.ts must not contain "</script": it would end the page\'s script.');
  return script;
}
