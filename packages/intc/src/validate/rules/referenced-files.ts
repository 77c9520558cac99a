import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ValuePath } from '../../load/source-file.js';
import { stringPropertyOf, propertyOf } from '../../model/values.js';
import type { Rule, RuleContext } from '../rule-context.js';

/** A VRL value naming a file rather than holding the script itself. */
const VRL_PATH = /^[^\n]*\.vrl$/;

/** The icon, the readme and .vrl scripts (of an integration or an interface) exist, relative to the manifest's folder. */
export const checkReferencedFiles: Rule = (context) => {
  const value = context.manifest.value;
  checkFile(context, stringPropertyOf(value, 'icon'), ['icon'], 'Icon', '.svg');
  checkFile(context, stringPropertyOf(value, 'readme'), ['readme'], 'Readme', '.md');
  const identifier = propertyOf(value, 'identifier');
  for (const key of ['extractScript', 'fallbackHandlerScript']) {
    const script = stringPropertyOf(identifier, key);
    if (script !== undefined && VRL_PATH.test(script.trim())) {
      checkFile(context, script.trim(), ['identifier', key], 'VRL script', '.vrl');
    }
  }
};

function checkFile(context: RuleContext, reference: string | undefined, at: ValuePath, what: string, extension: string): void {
  if (reference === undefined || !reference.toLowerCase().endsWith(extension)) return; // the meta-schema reports a wrong extension
  const path = resolve(dirname(context.manifest.file.path), reference);
  if (!existsSync(path)) {
    context.report('file-not-found', { path: reference, what }, at);
  } else if (!statSync(path).isFile()) {
    context.report('invalid-file-reference', { path: reference, expected: `a ${extension} file, not a folder` }, at);
  }
}
