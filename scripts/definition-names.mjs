// The names a definition.json must hold, read two ways: from a definition as the SDK resolves it
// (after `.extend()`), and from the definition.json `intc generate` wrote. Sorted lists; message
// types per channel; properties per configuration. Used by test/import.test.ts (through
// test/botpress-harness.ts) and scripts/botpress-corpus.mjs.

/** `definition` is a loaded IntegrationDefinition; `toJSONSchema` the SDK's converter (for configuration properties). */
export function sdkDefinitionNames(definition, toJSONSchema) {
  const properties = (holder) => Object.keys(toJSONSchema(holder.schema).properties ?? {}).sort();
  return namesOf(definition, (configuration) => (configuration?.schema ? properties(configuration) : []));
}

export function definitionJsonNames(definition) {
  return namesOf(definition, (configuration) => Object.keys(configuration?.schema?.properties ?? {}).sort());
}

function namesOf(definition, propertiesOf) {
  const record = (value) => value ?? {};
  return {
    actions: Object.keys(record(definition.actions)).sort(),
    events: Object.keys(record(definition.events)).sort(),
    channels: Object.fromEntries(Object.entries(record(definition.channels)).map(([name, channel]) => [name, Object.keys(record(channel.messages)).sort()])),
    states: Object.keys(record(definition.states)).sort(),
    entities: Object.keys(record(definition.entities)).sort(),
    configuration: propertiesOf(definition.configuration),
    configurations: Object.fromEntries(Object.entries(record(definition.configurations)).map(([name, configuration]) => [name, propertiesOf(configuration)])),
  };
}
