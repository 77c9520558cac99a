import type { Node } from 'yaml';
import { createDiagnostic, fixOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatBytes } from './read-source.js';
import { rangeLocation, type SourceFile } from './source-file.js';
import { yaml } from './yaml-module.js';

/** Aliases that expand too much are better written out (a real manifest repeats a schema a few times at most). */
export const ALIAS_FIX = fixOf("Write the repeated values out, or share a schema as an entity (`$ref: '#/entities/<name>'`), instead of nesting aliases.");

/**
 * Aliases may add at most this much text to a manifest, or as much as the
 * file itself holds when that is more. The `yaml` package's own limit counts
 * expansions, not their size: 100 aliases of a 3 MB string pass it and made
 * a 3.6 MB manifest generate 667 MB of code.
 */
export const MIN_ALIAS_EXPANSION_BYTES = 1024 * 1024;

/**
 * Aliases that would make the manifest's value unusable: one inside the node
 * its anchor names (`&s { properties: { self: *s } }` is a circular value,
 * which every later stage would recurse into forever), and aliases that
 * together repeat more text than the limit (a linear alias bomb). Run only on
 * a document whose nesting was checked, so the recursion here is bounded.
 */
export function inspectAliases(file: SourceFile): Diagnostic[] {
  if (!file.text.includes('*')) return [];
  const { isAlias, isCollection, isPair } = yaml();
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  /** Bytes a node's aliases add to it when expanded (memoized: an anchored node may be aliased many times). */
  const added = new Map<Node, number>();
  let firstAlias: Node | undefined;
  let recursive: Node | undefined;

  const visit = (node: unknown): number => {
    if (recursive !== undefined || node === null || typeof node !== 'object') return 0;
    if (isAlias(node)) {
      firstAlias ??= node;
      const target = anchors.get(node.source);
      if (target === undefined) return 0; // unresolved: reported by toJS
      if (open.has(target)) {
        recursive = node;
        return 0;
      }
      return sizeOf(target) + (added.get(target) ?? 0) - sizeOf(node);
    }
    const current = node as Node;
    if (current.anchor) anchors.set(current.anchor, current);
    let extra = 0;
    if (isCollection(current)) {
      open.add(current);
      for (const item of current.items) extra += isPair(item) ? visit(item.key) + visit(item.value) : visit(item);
      open.delete(current);
    }
    added.set(current, extra);
    return extra;
  };

  const total = visit(file.document.contents);
  if (recursive !== undefined) {
    const alias = recursive as Node & { source: string };
    return [createDiagnostic('yaml-unsupported', { detail: `alias *${alias.source} is inside the node &${alias.source} names, which makes a value that contains itself` }, at(file, alias), ALIAS_FIX)];
  }
  const limit = Math.max(MIN_ALIAS_EXPANSION_BYTES, file.text.length);
  if (total > limit && firstAlias !== undefined) {
    return [createDiagnostic('alias-limit', { size: formatBytes(limit) }, at(file, firstAlias), ALIAS_FIX)];
  }
  return [];
}

function sizeOf(node: Node): number {
  const range = node.range;
  return range ? range[1] - range[0] : 0;
}

function at(file: SourceFile, node: Node) {
  const [start, end] = node.range ?? [0, 0];
  return rangeLocation(file, start, end);
}
