/**
 * The `import … from '…'` and `export … from '…'` declarations of a
 * user-owned file, reduced to what the stub reconciler needs: where the
 * specifier is, what it says, and which names it binds. Two ways to get them:
 * a regular expression for the cheap check (it may see an import in a
 * comment, which only costs a parse) and ts-morph for the edits.
 */
import type { SourceFile } from './load-ts-morph.js';

export interface ImportBinding {
  /** The name the module exports (`ActionHandlers` in `{ ActionHandlers as H }`). */
  readonly imported: string;
  /** The name the file uses (`H`). */
  readonly local: string;
}

export interface ModuleReference {
  /** Offsets of the specifier's string literal, quotes included. */
  readonly start: number;
  readonly end: number;
  /** The specifier, without quotes. */
  readonly specifier: string;
  /** Names bound by name (`import { a, b as c }`); empty for `export … from`. */
  readonly bindings: readonly ImportBinding[];
  /** `G` in `import * as G from` (and `import type * as G from`). */
  readonly namespace?: string;
}

const DECLARATION = /\b(?:import|export)\b([^'";]*?)\bfrom\s*(['"])([^'"\r\n]*)\2/g;

/** The cheap scan: module references found in the text by a regular expression. */
export function scanModuleReferences(text: string): ModuleReference[] {
  const references: ModuleReference[] = [];
  for (const match of text.matchAll(DECLARATION)) {
    const clause = match[1]!;
    const end = match.index + match[0].length;
    const start = end - match[3]!.length - 2;
    const namespace = /\*\s*as\s+([A-Za-z_$][\w$]*)/.exec(clause)?.[1];
    references.push({ start, end, specifier: match[3]!, bindings: bindingsOf(clause), ...(namespace ? { namespace } : {}) });
  }
  return references;
}

/** `{ type A, B as C }` → A→A, B→C. */
function bindingsOf(clause: string): ImportBinding[] {
  const braces = /\{([^}]*)\}/.exec(clause);
  if (!braces) return [];
  const bindings: ImportBinding[] = [];
  for (const part of braces[1]!.split(',')) {
    const words = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
    const imported = words[0]?.trim();
    if (imported) bindings.push({ imported, local: (words[1] ?? imported).trim() });
  }
  return bindings;
}

/** The exact references, from the syntax tree. */
export function moduleReferencesOf(sourceFile: SourceFile): ModuleReference[] {
  const references: ModuleReference[] = [];
  for (const declaration of sourceFile.getImportDeclarations()) {
    const literal = declaration.getModuleSpecifier();
    const namespace = declaration.getNamespaceImport()?.getText();
    references.push({
      start: literal.getStart(),
      end: literal.getEnd(),
      specifier: literal.getLiteralValue(),
      bindings: declaration.getNamedImports().map((named) => ({ imported: named.getName(), local: named.getAliasNode()?.getText() ?? named.getName() })),
      ...(namespace ? { namespace } : {}),
    });
  }
  for (const declaration of sourceFile.getExportDeclarations()) {
    const literal = declaration.getModuleSpecifier();
    if (literal) references.push({ start: literal.getStart(), end: literal.getEnd(), specifier: literal.getLiteralValue(), bindings: [] });
  }
  return references;
}
