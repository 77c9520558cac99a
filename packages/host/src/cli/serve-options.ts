/**
 * The options of `intc serve` / `intc-host serve`, from the command line
 * and, for what a deployment sets per environment, from variables:
 * `PORT`, `INTC_DATABASE`, `INTC_PUBLIC_URL`. A flag wins over its
 * variable. Bad values are usage errors that say what to write.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS, type HostLimits } from '../http/host.js';
import { formatBytes, parseByteSize } from '../http/read-request.js';
import type { LogFormat } from '../http/request-log.js';

export const SERVE_USAGE = `Usage: intc serve [folder...] [options]   (or: intc-host serve …)

Runs the built project in each folder (an integration or a bot that intc generate ran on and
npm run build built) over HTTP, for production: no code generation, no watching.

Options:
  --port <n>              port to listen on (default: $PORT, else 3000)
  --host <address>        address to listen on (default 0.0.0.0)
  --database <location>   a SQLite file or a postgres:// URL (default: $INTC_DATABASE, else
                          .intc/state.db in the first folder)
  --public-url <url>      the URL platforms reach this host at; webhook URLs are
                          <url>/webhooks/<name> (default: $INTC_PUBLIC_URL, else the address listened on)
  --register              run every integration's register handler at start
  --max-body <size>       largest request body (default ${formatBytes(DEFAULT_LIMITS.maxBodyBytes)}; e.g. 512kb, 5mb)
  --handler-timeout <ms>  answer 504 when a handler runs longer (default ${DEFAULT_LIMITS.handlerTimeoutMs})
  --request-timeout <ms>  close a connection that has not sent its whole request (default ${DEFAULT_LIMITS.requestTimeoutMs})
  --shutdown-timeout <ms> how long SIGTERM waits for requests in flight (default ${DEFAULT_LIMITS.shutdownTimeoutMs})
  --log <json|pretty>     one JSON object per line (default), or short lines for a terminal
  -h, --help              show this help
`;

export class HostUsageError extends Error {
  override name = 'HostUsageError';
}

export interface ServeArgs {
  readonly help: boolean;
  readonly folders: readonly string[];
  readonly host: string;
  readonly port: number;
  readonly database: string | undefined;
  readonly publicUrl: string | undefined;
  readonly register: boolean;
  readonly log: LogFormat;
  readonly limits: Partial<HostLimits>;
}

export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServeArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      database: { type: 'string' },
      'public-url': { type: 'string' },
      register: { type: 'boolean' },
      'max-body': { type: 'string' },
      'handler-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      log: { type: 'string' },
    },
  });
  const limits: { -readonly [K in keyof HostLimits]?: HostLimits[K] } = {};
  if (values['max-body'] !== undefined) limits.maxBodyBytes = byteSize(values['max-body']);
  if (values['handler-timeout'] !== undefined) limits.handlerTimeoutMs = milliseconds('--handler-timeout', values['handler-timeout']);
  if (values['request-timeout'] !== undefined) limits.requestTimeoutMs = milliseconds('--request-timeout', values['request-timeout']);
  if (values['shutdown-timeout'] !== undefined) limits.shutdownTimeoutMs = milliseconds('--shutdown-timeout', values['shutdown-timeout']);
  const log = values.log ?? 'json';
  if (log !== 'json' && log !== 'pretty') throw new HostUsageError(`--log ${log}: write --log json or --log pretty.`);
  return {
    help: values.help === true,
    folders: positionals.length === 0 ? ['.'] : positionals,
    host: values.host ?? '0.0.0.0',
    port: portOf(values.port ?? nonEmpty(env['PORT']) ?? '3000', values.port === undefined && nonEmpty(env['PORT']) !== undefined ? 'PORT' : '--port'),
    database: values.database ?? nonEmpty(env['INTC_DATABASE']),
    publicUrl: urlOf(values['public-url'] ?? nonEmpty(env['INTC_PUBLIC_URL'])),
    register: values.register === true,
    log,
    limits,
  };
}

export function portOf(text: string, what = '--port'): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) throw new HostUsageError(`${what} ${text}: write a port number from 0 to 65535 (0: any free port).`);
  return port;
}

function byteSize(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === undefined) throw new HostUsageError(`--max-body ${text}: write a size such as 1048576, 512kb or 5mb.`);
  return bytes;
}

function milliseconds(flag: string, text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text.trim()) || ms < 1) throw new HostUsageError(`${flag} ${text}: write a whole number of milliseconds, at least 1.`);
  return ms;
}

function urlOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text.replace(/\/+$/, '');
  } catch {
    // told below
  }
  throw new HostUsageError(`--public-url ${text}: write an http:// or https:// URL (e.g. https://bots.example.com).`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
