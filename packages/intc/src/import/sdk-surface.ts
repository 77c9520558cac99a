/**
 * The parts of a project's `@botpress/sdk` that `intc import` uses. The SDK
 * is the project's own, loaded at run time, so it is typed by its shape here
 * and checked when it is loaded (project-sdk.ts).
 */
export interface ZuiTransforms {
  toJSONSchema(schema: unknown, options?: unknown): unknown;
  toJSONSchemaLegacy(schema: unknown, options?: unknown): unknown;
}

/** `builder` is what the definition passes to `.extend()`: `({ entities }) => ({ entities, actions?, events?, channels? })`. */
export type ExtendMethod = (this: object, interfacePackage: unknown, builder: (input: unknown) => unknown) => unknown;

export interface BotpressSdk {
  readonly z: { readonly transforms: ZuiTransforms };
  readonly IntegrationDefinition: { readonly prototype: { extend: ExtendMethod } };
  readonly InterfaceDefinition: { readonly prototype: object };
}

/** What the SDK's `__advanced` holds for the zod → JSON Schema conversion (the Botpress CLI's options). */
export interface TransformOptions {
  readonly useLegacyZuiTransformer?: boolean;
  readonly toJSONSchemaOptions?: Readonly<Record<string, unknown>>;
}
