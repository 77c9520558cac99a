/**
 * The shape of the generated `validators.ts`: one Ajv standalone function per
 * schema, grouped like the manifest. The runtime calls them (through
 * `parseValue`); it never compiles.
 */
import type { Shape } from './parse.js';

export interface ValidationIssue {
  /** JSON Pointer into the validated value (`/chatId`), '' for the value itself. */
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

export type ValidateFunction = ((data: unknown) => boolean) & {
  errors?: ValidationIssue[] | null;
  /** What parsing does beyond validating (defaults, stripping); absent when it does nothing. */
  shape?: Shape;
};

export interface Validators {
  /** The default configuration's schema (absent when the manifest has none). */
  readonly configuration?: ValidateFunction;
  readonly configurations: Readonly<Record<string, ValidateFunction>>;
  readonly actions: Readonly<Record<string, { readonly input: ValidateFunction; readonly output: ValidateFunction }>>;
  /** Channel → message type → payload validator. */
  readonly channels: Readonly<Record<string, Readonly<Record<string, ValidateFunction>>>>;
  readonly events: Readonly<Record<string, ValidateFunction>>;
  readonly states: Readonly<Record<string, ValidateFunction>>;
}
