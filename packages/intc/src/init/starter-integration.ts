/**
 * The starter of `intc init --template integration`: a manifest with one
 * action, a state and a configuration, the action implemented, and a test
 * calling it through the runtime. It builds and tests as written; the other
 * handlers (register, unregister, the webhook handler) are left for
 * `intc generate` to create as TODO stubs.
 */
import type { StarterNames } from './project-files.js';

/** `extra`: more top-level sections, appended (an `interfaces:` entry). */
export function integrationManifest({ name, title }: StarterNames, extra = ''): string {
  return `# The integration's manifest: intc validates it and generates typed code from it.
# Your editor checks it as you type (.vscode/settings.json associates the schema);
# hover a key for its documentation (reference: node_modules/intc/README.md).
name: ${name}
version: 0.1.0
title: ${title}
description: Greets people by name and counts the greetings.

# What an installation sets. Every \`schema:\` is JSON Schema (draft-07) written in YAML.
configuration:
  schema:
    type: object
    properties:
      greeting:
        type: string
        description: The word a greeting starts with.
        default: Hello

# What bots can call. Each action gets a handler in src/actions/<action>.ts.
actions:
  greet:
    title: Greet
    description: Greets someone by name and tells how many greetings were made so far.
    input:
      schema:
        type: object
        properties:
          name: { type: string, minLength: 1, description: Who to greet. }
        required: [name]
    output:
      schema:
        type: object
        properties:
          message: { type: string }
          count: { type: integer, minimum: 1 }
        required: [message, count]

# Values the integration keeps between calls (per integration, conversation or user).
states:
  greetings:
    type: integration
    schema:
      type: object
      properties:
        count: { type: integer, minimum: 0, default: 0 }

# Add channels (messages from and to the service), events, secrets, entities and
# user tags here as the integration grows, then run \`npm run build\`:
# intc generates the types and a TODO stub for every new handler.
${extra}`;
}

export const GREET_ACTION = `import type { ActionHandlers } from "../generated/index.js";

export const greetAction: ActionHandlers["greet"] = async ({
  input,
  configuration,
  ctx,
  client,
}) => {
  // Every type here comes from integration.yaml: input.name is a string, the configuration's
  // greeting has its default filled in, and the return value must match the action's output.
  const { state } = await client.updateState({
    type: "integration",
    id: ctx.integrationId,
    name: "greetings",
    update: (current) => ({ count: (current?.count ?? 0) + 1 }),
  });
  return {
    message: \`\${configuration.greeting}, \${input.name}!\`,
    count: state.payload.count,
  };
};
`;

/** The test, importing the integration from `integrationModule` (relative to test/). */
export const greetTest = (integrationModule: string) => `import { InputValidationError } from "@intc/runtime";
import { describe, expect, it } from "vitest";
import integration from "${integrationModule}";

// start() runs the integration in this process with an in-memory client: no server, no network.
const start = (greeting?: string) =>
  integration.start({
    configuration: greeting === undefined ? {} : { greeting },
    logger: () => {},
  });

describe("the greet action", () => {
  it("greets by name and counts the greetings in the integration state", async () => {
    const instance = start();
    expect(await instance.callAction("greet", { name: "Ada" })).toEqual({
      message: "Hello, Ada!",
      count: 1,
    });
    expect(await instance.callAction("greet", { name: "Grace" })).toEqual({
      message: "Hello, Grace!",
      count: 2,
    });
  });

  it("uses the configured greeting", async () => {
    expect(await start("Welcome").callAction("greet", { name: "Ada" })).toEqual(
      { message: "Welcome, Ada!", count: 1 },
    );
  });

  it("refuses input the manifest does not allow, before the handler runs", async () => {
    await expect(start().callAction("greet", { name: "" })).rejects.toThrow(
      InputValidationError,
    );
  });
});
`;
