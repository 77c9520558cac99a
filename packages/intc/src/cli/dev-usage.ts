/** `intc dev`'s and `intc serve`'s command lines, here so the CLI can print their help without loading the host. */
import { defineCommand } from './command-line.js';

const LISTEN_OPTIONS = {
  port: { type: 'string', value: '<n>', help: 'port to listen on (dev: default 3000; serve: default $PORT, else 3000; 0: any free port)' },
  host: { type: 'string', value: '<address>', help: 'address to listen on (dev: default 127.0.0.1; serve: default 0.0.0.0)' },
  database: { type: 'string', value: '<location>', help: 'a SQLite file or a postgres:// URL (default: $INTC_DATABASE for serve, else .intc/state.db beside the first manifest or folder)' },
  'public-url': { type: 'string', value: '<url>', help: 'the URL platforms reach this host at (a tunnel\'s); webhook URLs are <url>/webhooks/<name>' },
} as const;

export const DEV_COMMAND = defineCommand({
  name: 'dev',
  operands: '[manifest or folder...] [options]',
  summary: 'generate, serve over HTTP on 127.0.0.1:3000 and reload on every change',
  description: `Generates, then serves the integrations and bots over HTTP, and reloads on every change of a manifest,
a file it references or a handler source (TypeScript runs as it is: no build step). A failed reload
prints why and keeps serving the last good code. Needs @intc/host in the project. GET / is the dev console.

  POST /webhooks/<name or alias>[/...]      the integration's webhook handler
  POST /actions/<name or alias>/<action>    an action: JSON input, JSON output (400: bad input)
  POST /register/<name or alias>, /unregister/<name or alias>
  GET  /healthz`,
  options: LISTEN_OPTIONS,
  exitCodes: {
    0: 'stopped (Ctrl-C, SIGTERM)',
    1: 'could not start: @intc/host missing, the port in use, the database unreachable',
  },
});

export const SERVE_COMMAND = defineCommand({
  name: 'serve',
  operands: '[folder...] [options]',
  summary: 'serve the built project in production (graceful shutdown, JSON logs)',
  description: `Runs the built project in each folder (an integration or a bot that intc generate ran on and
npm run build built) over HTTP, for production: no code generation, no watching. The same as
@intc/host's own \`intc-host serve\`, which a deployment without intc (a devDependency) runs.`,
  options: {
    ...LISTEN_OPTIONS,
    register: { type: 'boolean', help: "run every integration's register handler at start" },
    'max-body': { type: 'string', value: '<size>', help: 'largest request body (e.g. 512kb, 5mb)' },
    'handler-timeout': { type: 'string', value: '<ms>', help: 'answer 504 when a handler runs longer' },
    'request-timeout': { type: 'string', value: '<ms>', help: 'close a connection that has not sent its whole request' },
    'shutdown-timeout': { type: 'string', value: '<ms>', help: 'how long SIGTERM waits for requests in flight' },
    log: { type: 'string', value: '<format>', choices: ['json', 'pretty'], help: 'one JSON object per line (default), or short lines for a terminal' },
  },
  exitCodes: {
    0: 'stopped (SIGTERM finished the requests in flight)',
    1: 'could not start: @intc/host missing, a project not generated or not built, the port in use',
  },
});
