/** Models for the generated-API tests: a fixture validated and modelled, and the `__proto__` names a manifest cannot hold. */
import type { IntegrationModel } from '../../packages/intc/src/model/integration-model.js';
import { toIntegrationModel } from '../../packages/intc/src/model/integration-model.js';
import { isPlainObject } from '../../packages/intc/src/model/values.js';
import { validate } from '../../packages/intc/src/pipeline.js';

export function loadModel(manifest: string): IntegrationModel {
  const result = validate([manifest]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const value = result.manifests[0]?.value;
  if (!isPlainObject(value)) throw new Error(`${manifest}: not an object`);
  return toIntegrationModel(value, manifest);
}

/** Adds `__proto__` as an action, a message type and a state (the naming rules refuse it in a manifest). */
export function withProtoNames(model: IntegrationModel): IntegrationModel {
  const schema = { type: 'object' };
  return {
    ...model,
    actions: [{ name: '__proto__', billable: false, cacheable: false, input: schema, output: schema }, ...model.actions],
    channels: model.channels.map((c) => ({ ...c, messages: [{ name: '__proto__', schema }, ...c.messages] })),
    states: [{ name: '__proto__', type: 'integration', schema }, ...model.states],
  };
}
