/**
 * The logger handlers get. Arguments are formatted into one line (strings as
 * they are, errors with their stack, other values as JSON), then every secret
 * value is redacted before the line reaches the sink.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Where lines go: a function, or an object with one method per level (`console` fits). */
export type LogSink = ((level: LogLevel, line: string) => void) | { readonly [L in LogLevel]: (line: string) => void };

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function createLogger(sink: LogSink, redact: (text: string) => string): Logger {
  const write = typeof sink === 'function' ? sink : (level: LogLevel, line: string) => sink[level](line);
  const logAt = (level: LogLevel) => (...args: unknown[]) => write(level, redact(args.map(formatArgument).join(' ')));
  const [debug, info, warn, error] = LEVELS.map(logAt) as [Logger['debug'], Logger['info'], Logger['warn'], Logger['error']];
  return { debug, info, warn, error };
}

/** The default sink: the host's console, `[level]` first. */
export function consoleSink(): LogSink {
  const host = globalThis as { console?: { [L in LogLevel]?: (line: string) => void } };
  return (level, line) => host.console?.[level]?.(`[${level}] ${line}`);
}

export function formatArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
