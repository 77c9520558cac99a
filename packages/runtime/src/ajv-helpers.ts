/**
 * The Ajv runtime pieces the generated `validators.ts` calls (Ajv standalone
 * code refers to them by `require("ajv/dist/runtime/…")`; intc rewrites those
 * references to these names, so a user's project needs no direct dependency
 * on ajv). Not meant for hand-written code.
 */
import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import uriModule from 'ajv/dist/runtime/uri.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * Node gives a CommonJS module's `module.exports` as the default import, a
 * bundler may give its `exports.default` instead: accept both.
 */
function interopDefault<T>(module: T | { readonly default: T }): T {
  const candidate = module as { readonly __esModule?: unknown; readonly default?: T };
  return candidate !== null && typeof candidate === 'object' && candidate.__esModule === true && 'default' in candidate
    ? (candidate.default as T)
    : (module as T);
}

/** Deep equality for `const`, `enum` and `uniqueItems` (fast-deep-equal). */
export const ajvEqual = interopDefault(equalModule) as unknown as (a: unknown, b: unknown) => boolean;
/** String length in Unicode code points, for `minLength` / `maxLength`. */
export const ajvUcs2length: (text: string) => number = interopDefault(ucs2lengthModule);
/** URI parsing (fast-uri), for references resolved at run time. */
export const ajvUri: object = interopDefault(uriModule);
/** The ajv-formats "full" format checks, the same ones validation uses. */
export const ajvFormats: Readonly<Record<string, unknown>> = fullFormats;
