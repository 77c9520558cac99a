/**
 * A manifest value as the text of a file, in the formats and styles people
 * write: block YAML, YAML with mixed scalar and collection styles, flow YAML,
 * indented and compact JSON. Every text is checked to read back as the value.
 */
import fc from 'fast-check';
import YAML from 'yaml';
import { integrationManifest, type JsonObject } from './arbitraries.js';

export type ManifestFormat = 'yaml' | 'json' | 'json-compact' | 'yaml-flow' | 'yaml-mixed';

export interface ManifestText {
  readonly fileName: string;
  readonly text: string;
}

/** The manifest as the text of a file in one of the formats intc reads. */
export function serializeManifest(value: JsonObject, format: ManifestFormat, salt = 0): ManifestText {
  switch (format) {
    case 'yaml-mixed':
      return { fileName: 'integration.yaml', text: roundTripped(value, mixedStyleYaml(value, salt)) };
    case 'json':
      return { fileName: 'integration.json', text: `${JSON.stringify(value, null, 2)}\n` };
    case 'json-compact':
      return { fileName: 'integration.json', text: JSON.stringify(value) };
    case 'yaml-flow':
      return { fileName: 'integration.yaml', text: roundTripped(value, YAML.stringify(value, { collectionStyle: 'flow', lineWidth: 0 })) };
    case 'yaml':
      return { fileName: 'integration.yaml', text: roundTripped(value, YAML.stringify(value)) };
  }
}

const VALUE_STYLES = [YAML.Scalar.PLAIN, YAML.Scalar.QUOTE_DOUBLE, YAML.Scalar.QUOTE_SINGLE, YAML.Scalar.BLOCK_LITERAL, YAML.Scalar.BLOCK_FOLDED] as const;
const KEY_STYLES = [YAML.Scalar.PLAIN, YAML.Scalar.QUOTE_DOUBLE, YAML.Scalar.QUOTE_SINGLE] as const;

/**
 * YAML as people write it: each scalar in its own style (plain, quoted,
 * literal or folded block), some collections in flow style, a line width of
 * its own, all chosen from `salt`. Exercises intc's two YAML readers (the
 * fast path and the yaml Document) on the styles `yaml` can write.
 */
function mixedStyleYaml(value: JsonObject, salt: number): string {
  const document = new YAML.Document(value);
  let counter = salt;
  const next = (n: number) => (counter = (counter * 1103515245 + 12345) % 2147483648) % n;
  YAML.visit(document, {
    Pair(_, pair) {
      if (YAML.isScalar(pair.key)) pair.key.type = KEY_STYLES[next(KEY_STYLES.length)];
    },
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string') node.type = VALUE_STYLES[next(VALUE_STYLES.length)];
    },
    Map(_, node) {
      node.flow = next(6) === 0;
    },
    Seq(_, node) {
      node.flow = next(3) === 0;
    },
  });
  return document.toString({ lineWidth: next(2) === 0 ? 0 : 20 + next(80), indent: 1 + next(4), indentSeq: next(2) === 0 });
}

/**
 * `yaml`'s stringifier (2.9.1) writes some strings in a form that does not
 * read back: as plain scalars no parser accepts (in flow style, `-` then a
 * line break), or folded between the two halves of a surrogate pair, which
 * UTF-8 cannot hold apart. Such a file would not hold the manifest through
 * no fault of intc: it is written as JSON instead, which YAML reads too.
 */
function roundTripped(value: JsonObject, text: string): string {
  try {
    const asWritten = Buffer.from(text, 'utf8').toString('utf8');
    if (JSON.stringify(YAML.parse(asWritten)) === JSON.stringify(value)) return text;
  } catch {
    // falls through to JSON
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}

export const manifestFormat: fc.Arbitrary<ManifestFormat> = fc.constantFrom('yaml', 'yaml-mixed', 'yaml-mixed', 'json', 'json-compact', 'yaml-flow');

/** A manifest file: value, format and text. */
export const manifestFile = fc
  .tuple(integrationManifest, manifestFormat, fc.nat())
  .map(([value, format, salt]) => ({ value, format, ...serializeManifest(value, format, salt) }));
