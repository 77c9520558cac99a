/**
 * The starter of `intc init --template interface`: an interface with one
 * action, and (in example/) the integration starter implementing it, so the
 * project's build proves the interface can be implemented and its test calls
 * the implementation through the runtime.
 */
import type { StarterNames } from './project-files.js';

export function interfaceManifest({ name, title }: StarterNames): string {
  return `# An interface: what every integration implementing it offers. Integrations
# extend it with an \`interfaces:\` entry (see example/integration.yaml); intc
# checks that they conform and merges its actions into theirs.
# Your editor checks this file as you type (.vscode/settings.json associates the schema).
name: ${name}
version: 0.1.0
title: ${title}
description: Greets people by name.

# Schemas the implementer maps its own entities onto; refer to them with $ref: '#/entities/<entity>'.
entities: {}

actions:
  greet:
    title: Greet
    description: Greets someone by name.
    input:
      schema:
        type: object
        properties:
          name: { type: string }
        required: [name]
    output:
      schema:
        type: object
        properties:
          message: { type: string }
        required: [message]
`;
}

/** The `interfaces:` entry example/integration.yaml gets, for the interface in the folder above it. */
export function implementsInterface(alias: string): string {
  return `
# The interface this integration implements (the project's interface.yaml).
interfaces:
  ${alias}:
    from: ..
    entities: {}
`;
}
