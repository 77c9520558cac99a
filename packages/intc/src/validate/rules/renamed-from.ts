import { entriesOf, isPlainObject, propertyOf } from '../../model/values.js';
import type { ValuePath } from '../../load/source-file.js';
import type { RuleContext, Rule } from '../rule-context.js';

/**
 * `renamedFrom` on actions, channels and message types names an old name
 * that left the manifest, once: not the member itself, not a member still
 * there (it keeps its own handler), not the old name of two members (only one
 * can take its handler).
 */
export const checkRenamedFrom: Rule = (context) => {
  const value = context.manifest.value;
  checkMap(context, propertyOf(value, 'actions'), ['actions'], 'action');
  checkMap(context, propertyOf(value, 'channels'), ['channels'], 'channel');
  for (const [channel, definition] of entriesOf(propertyOf(value, 'channels'))) {
    checkMap(context, propertyOf(definition, 'messages'), ['channels', channel, 'messages'], 'message type', ` of channel '${channel}'`);
  }
};

/** `of`: what the members belong to, after their name (` of channel 'tg'`). */
function checkMap(context: RuleContext, members: unknown, path: ValuePath, noun: string, of = ''): void {
  if (!isPlainObject(members)) return;
  const claimedBy = new Map<string, string>();
  for (const [name, definition] of entriesOf(members)) {
    const from = propertyOf(definition, 'renamedFrom');
    if (typeof from !== 'string') continue;
    const at = [...path, name, 'renamedFrom'];
    const problem =
      from === name
        ? `names the ${noun} itself: write the name it had before`
        : Object.hasOwn(members, from)
          ? `names ${noun} '${from}'${of}, which is still in the manifest and keeps its own handler: remove \`renamedFrom\`, or rename '${from}' too`
          : claimedBy.has(from)
            ? `is also on ${noun} '${claimedBy.get(from)}'${of}: only one ${noun} can take the handler of '${from}'`
            : undefined;
    if (problem === undefined) claimedBy.set(from, name);
    else context.report('invalid-rename', { name: from, problem }, at);
  }
}
