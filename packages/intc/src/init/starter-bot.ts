/**
 * The starter of `intc init --template bot`: a bot installing the integration
 * starter (in integrations/greeter/), and a test that runs both in one
 * process and calls the integration's action through the bot's client.
 */
import type { StarterNames } from './project-files.js';

export function botManifest({ name, title }: StarterNames): string {
  return `# A bot: the integrations it installs, each under an alias, with their configuration.
# \`intc generate\` writes the bot's typed client and handler types to src/generated/.
# Your editor checks this file as you type (.vscode/settings.json associates the schema).
name: ${name}
title: ${title}
description: Greets people through the greeter integration.

integrations:
  # The alias names the integration in the bot's code: client.greeter.actions.greet(…).
  greeter:
    integration: ./integrations/greeter
    configuration:
      # \${VAR} is read from the environment when the bot starts.
      greeting: "\${GREETING}"
`;
}

export const BOT_TEST = `import { describe, expect, it } from "vitest";
import greeter from "../integrations/greeter/src/index.js";
import bot from "../src/index.js";

describe("the bot", () => {
  it("calls the greeter integration through its typed client", async () => {
    // start() runs the bot and its integrations in this process, each with an in-memory client.
    const running = bot.start({
      integrations: { greeter },
      env: { GREETING: "Hi" },
      logger: () => {},
    });
    expect(await running.client.greeter.actions.greet({ name: "Ada" })).toEqual(
      { message: "Hi, Ada!", count: 1 },
    );
  });
});
`;
