/**
 * The host's log: one line per request (time, method, route, target,
 * status, duration), the handlers' own lines, and the host's events (start,
 * reload, shutdown). `json` (`intc serve`): one JSON object per line on
 * stdout, for log collectors. `pretty` (`intc dev`): short lines for a
 * terminal. Nothing is logged of a request's body or query; every message
 * that can hold a value went through the runtime's redactor first.
 */
import type { LogLevel, LogSink } from '@intc/runtime';

export type LogFormat = 'json' | 'pretty';

export interface RequestEntry {
  readonly method: string;
  /** The route's pattern (`/actions/:name/:action`). */
  readonly route: string;
  /** The URL path, without the query, redacted. */
  readonly path: string;
  readonly target?: string;
  readonly action?: string;
  readonly status: number;
  readonly durationMs: number;
  /** What went wrong (a 4xx or 5xx), redacted. */
  readonly error?: { readonly code: string; readonly message: string };
}

export class HostLog {
  constructor(
    readonly format: LogFormat,
    private readonly write: (line: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  request(entry: RequestEntry): void {
    const level: LogLevel = entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : 'info';
    if (this.format === 'json') {
      this.#json(level, `${entry.method} ${entry.route} ${entry.status}`, { ...entry, durationMs: round(entry.durationMs) });
      return;
    }
    const error = entry.error === undefined ? '' : ` — ${entry.error.message}`;
    this.#pretty(level, `${entry.method} ${entry.path} → ${entry.status} (${round(entry.durationMs)} ms)${error}`);
  }

  /** The sink a unit's handlers log to (their lines already redacted by the runtime). */
  sinkFor(unit: string): LogSink {
    return (level, line) => (this.format === 'json' ? this.#json(level, line, { unit }) : this.#pretty(level, `${unit}: ${line}`));
  }

  info(message: string, fields: { readonly [key: string]: unknown } = {}): void {
    this.#event('info', message, fields);
  }

  warn(message: string, fields: { readonly [key: string]: unknown } = {}): void {
    this.#event('warn', message, fields);
  }

  error(message: string, fields: { readonly [key: string]: unknown } = {}): void {
    this.#event('error', message, fields);
  }

  #event(level: LogLevel, message: string, fields: { readonly [key: string]: unknown }): void {
    if (this.format === 'json') this.#json(level, message, fields);
    else this.#pretty(level, message);
  }

  #json(level: LogLevel, msg: string, fields: { readonly [key: string]: unknown }): void {
    this.write(`${JSON.stringify({ time: this.now().toISOString(), level, msg, ...fields })}\n`);
  }

  #pretty(level: LogLevel, text: string): void {
    const time = this.now().toTimeString().slice(0, 8);
    this.write(`${time} ${level === 'info' ? '' : `[${level}] `}${text}\n`);
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
