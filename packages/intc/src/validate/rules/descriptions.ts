import { entriesOf, propertyOf } from '../../model/values.js';
import { capitalize } from '../../model/naming.js';
import type { Rule } from '../rule-context.js';

const ADD_DESCRIPTION = { message: 'Add `description:` with one sentence saying what it does.' };

/**
 * The integration and each action, event and channel should say what it
 * does; not repeated where the object already has an error (a misspelt
 * `descripton:`, a missing level).
 */
export const checkDescriptions: Rule = (context) => {
  const value = context.manifest.value;
  if (propertyOf(value, 'description') === undefined && propertyOf(value, 'name') !== undefined && !context.hasErrorAt([])) {
    context.report('missing-description', { what: `${capitalize(context.manifest.kind)} '${String(propertyOf(value, 'name'))}'` }, ['name'], 'key', ADD_DESCRIPTION);
  }
  for (const [section, label] of [['actions', 'Action'], ['events', 'Event'], ['channels', 'Channel']] as const) {
    for (const [name, definition] of entriesOf(propertyOf(value, section))) {
      if (propertyOf(definition, 'description') === undefined && !context.hasErrorAt([section, name])) {
        context.report('missing-description', { what: `${label} '${name}'` }, [section, name], 'key', ADD_DESCRIPTION);
      }
    }
  }
};
