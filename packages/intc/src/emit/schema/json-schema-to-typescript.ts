/**
 * json-schema-to-typescript, loaded on first use (~0.1 s from node_modules,
 * and it loads prettier's entry point at import even though we never
 * format; ~45 ms from dist/intc-jstt.cjs, bundled without prettier): `intc
 * validate` never pays for it.
 */
import { bundledRequire } from '../../load/bundled-require.js';
import type { PlainObject } from '../../model/values.js';

type Compile = typeof import('json-schema-to-typescript').compile;
type Options = Parameters<Compile>[2];

const require = bundledRequire('intc-jstt.cjs');
let compileFunction: Compile | undefined;

const OPTIONS: Options = {
  bannerComment: '',
  format: false,
  declareExternallyReferenced: true,
  // An object schema without `additionalProperties` allows any other key, as JSON Schema says.
  additionalProperties: true,
  unknownAny: true,
  // Bounds become JSDoc tags; as tuple types they would be unions of every length.
  ignoreMinAndMaxItems: true,
  strictIndexSignatures: true,
  enableConstEnums: false,
  inferStringEnumKeysFromValues: false,
  unreachableDefinitions: false,
  // Every $ref is local to the root schema: never read a file or the network.
  $refOptions: { resolve: { external: false, file: false, http: false } },
};

/** Unformatted TypeScript for `root` (see type-schema.ts for its shape). */
export async function compileTypes(root: PlainObject, name: string): Promise<string> {
  compileFunction ??= (require('json-schema-to-typescript') as { compile: Compile }).compile;
  // The library prints its debug log to the console whenever VERBOSE is set.
  const verbose = process.env.VERBOSE;
  if (verbose !== undefined) delete process.env.VERBOSE;
  try {
    return await compileFunction(root as Parameters<Compile>[0], name, OPTIONS);
  } finally {
    if (verbose !== undefined) process.env.VERBOSE = verbose;
  }
}
