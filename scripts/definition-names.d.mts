export interface DefinitionNames {
  readonly actions: string[];
  readonly events: string[];
  readonly channels: Record<string, string[]>;
  readonly states: string[];
  readonly entities: string[];
  readonly configuration: string[];
  readonly configurations: Record<string, string[]>;
}
export declare function sdkDefinitionNames(definition: object, toJSONSchema: (schema: unknown) => { properties?: object }): DefinitionNames;
export declare function definitionJsonNames(definition: object): DefinitionNames;
