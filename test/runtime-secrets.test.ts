/**
 * Secret-marked fields (`writeOnly: true`, or Botpress's `x-zui: { secret: true }`)
 * of configurations and states: where the generated metadata says they are
 * (src/emit/api/secret-paths.ts), and that the runtime keeps their values out
 * of every log line and error, the integration's and a bot's, with no
 * `redact` option, while unmarked fields still show.
 */
import { describe, expect, it } from 'vitest';
import { runtimeMetadata, secretFieldsOf } from '../packages/intc/src/emit/api/runtime-metadata.js';
import { secretPaths } from '../packages/intc/src/emit/api/secret-paths.js';
import type { PlainObject } from '../packages/intc/src/model/values.js';
import { BotRuntime, ConfigurationError, InMemoryClient, IntegrationRuntime, REDACTED, type IntegrationMetadata, type LogLevel } from '../packages/runtime/src/index.js';
import { Redactor } from '../packages/runtime/src/secrets.js';
import { modelOf, validatorsFile, validatorsOf } from './generated-validators.js';

const secret = { type: 'string', writeOnly: true };
const zuiSecret = { type: 'string', 'x-zui': { secret: true, title: 'Token' } };
const closed = (properties: PlainObject, required: string[] = []): PlainObject => ({ type: 'object', properties, required, additionalProperties: false });

describe('where the metadata says secrets are', () => {
  const entities = [
    { name: 'credentials', schema: closed({ password: secret, user: { type: 'string' } }) },
    { name: 'node', schema: closed({ key: zuiSecret, next: { $ref: '#/entities/node' } }) },
  ];

  it.each<[string, unknown, (string | null)[][]]>([
    ['a property marked writeOnly', closed({ token: secret, name: { type: 'string' } }), [['token']]],
    ['a property marked with x-zui', closed({ token: zuiSecret }), [['token']]],
    ['nested objects', closed({ auth: closed({ oauth: closed({ refreshToken: secret, scope: { type: 'string' } }) }) }), [['auth', 'oauth', 'refreshToken']]],
    ['arrays of objects and maps', closed({ accounts: { type: 'array', items: closed({ key: secret }) }, byHost: { type: 'object', additionalProperties: closed({ pass: zuiSecret }) } }), [['accounts', null, 'key'], ['byHost', null, 'pass']]],
    ['a whole secret object', closed({ credentials: { type: 'object', writeOnly: true } }), [['credentials']]],
    ['entities; where one recurs, everything below', closed({ login: { $ref: '#/entities/credentials' }, chain: { $ref: '#/entities/node' } }), [['chain', 'key'], ['chain', 'next'], ['login', 'password']]],
    ['local definitions and union branches', { ...closed({ a: { $ref: '#/definitions/s' }, b: { anyOf: [closed({ x: secret }), closed({ y: { type: 'string' } })] } }), definitions: { s: secret } }, [['a'], ['b', 'x']]],
    ['nothing marked', closed({ token: { type: 'string', readOnly: true }, z: { type: 'string', 'x-zui': { secret: false } } }), []],
  ])('%s', (_name, schema, paths) => {
    expect(secretPaths(schema, entities)).toEqual(paths);
  });

  it('is in the generated metadata per configuration and per state, only when something is marked', () => {
    const model = modelOf({
      name: 'vault',
      version: '1.0.0',
      configuration: { schema: closed({ token: secret }) },
      configurations: { oauth: { schema: closed({ clientSecret: zuiSecret, clientId: { type: 'string' } }) }, open: { schema: closed({ a: { type: 'string' } }) } },
      states: { session: { type: 'user', schema: closed({ accessToken: secret }) }, cursor: { type: 'integration', schema: closed({ page: { type: 'integer' } }) } },
    });
    expect(runtimeMetadata(model)).toContain(
      '  secretFields: {\n    configuration: [["token"]],\n    configurations: [\n      ["oauth", [["clientSecret"]]],\n    ],\n    states: [\n      ["session", [["accessToken"]]],\n    ],\n  },\n',
    );
    expect(runtimeMetadata(modelOf({ name: 'plain', version: '1.0.0', configuration: { schema: closed({ a: { type: 'string' } }) } }))).not.toContain('secretFields');
  });
});

describe('the redactor', () => {
  it('learns values as it goes, raw and JSON-escaped, and never finds one inside the marker', () => {
    const redactor = new Redactor(['act']);
    const { redact } = redactor;
    expect(redact('an act')).toBe(`an ${REDACTED}`);
    redactor.add(['s3cr"et', '', undefined]);
    expect(redact(JSON.stringify({ a: 's3cr"et', b: 'act' }))).toBe(`{"a":"${REDACTED}","b":"${REDACTED}"}`);
    redactor.add(['re(d)+.*']);
    expect(redact('x re(d)+.* y')).toBe(`x ${REDACTED} y`);
  });
});

// ---- the runtime ------------------------------------------------------------------

const TOKEN = 'tok-123-secret';
const CLIENT_SECRET = 'cs-777-secret';
const ACCESS_TOKEN = 'at-999-secret';
const ROTATED_TOKEN = 'at-rotated-secret';

const manifest = {
  name: 'vault',
  version: '1.0.0',
  configuration: { schema: closed({ token: { ...secret, pattern: '^tok-' }, region: { type: 'string', default: 'eu-west' }, accounts: { type: 'array', items: closed({ password: zuiSecret, user: { type: 'string' } }) } }, ['token']) },
  configurations: { oauth: { schema: closed({ clientSecret: zuiSecret, clientId: { type: 'string' } }, ['clientSecret', 'clientId']) } },
  actions: {
    leak: { input: { schema: closed({ what: { type: 'string' } }) }, output: { schema: closed({}) } },
  },
  states: { session: { type: 'user', schema: closed({ accessToken: secret, user: { type: 'string' } }, ['accessToken']) } },
};
const model = modelOf(manifest);
const metadata: IntegrationMetadata = { name: 'vault', version: '1.0.0', secrets: { required: [], optional: [] }, states: { integration: [], conversation: [], user: ['session'] }, configurations: ['oauth'], secretFields: secretFieldsOf(model)! };
const validators = validatorsOf(model);

it('leaves x-zui out of the generated validators (it changes nothing they check)', () => {
  const content = validatorsFile(model);
  expect(content).not.toContain('x-zui');
  expect(content).not.toContain('writeOnly');
});

type Props = { input: { what?: string }; configuration: PlainObject; ctx: { configuration: PlainObject }; logger: { info(...args: unknown[]): void }; client: InMemoryClient };
const implementation = {
  register: async ({ configuration, logger }: Props) => logger.info('config is', configuration),
  unregister: async () => undefined,
  handler: async ({ client, logger }: Props) => {
    await client.setState({ type: 'user', id: 'u1', name: 'session', payload: { accessToken: ACCESS_TOKEN, user: 'ada' } });
    logger.info('stored a session');
  },
  actions: {
    leak: async ({ input, configuration, logger, client }: Props) => {
      if (input.what === 'rotate') {
        await client.updateState({
          type: 'user',
          id: 'u1',
          name: 'session',
          update: (current) => {
            logger.info('rotating', current);
            return { accessToken: ROTATED_TOKEN, user: 'ada' };
          },
        });
        throw new Error(`rotated to ${ROTATED_TOKEN}`);
      }
      if (input.what === 'state') {
        const { state } = await client.getState({ type: 'user', id: 'u1', name: 'session' });
        logger.info('session', state.payload);
        throw new Error(`refused: ${JSON.stringify(state.payload)}`);
      }
      throw new Error(`the API refused token ${String(configuration.token)} for ${String(configuration.region)}`);
    },
  },
  channels: {},
};
const runtime = new IntegrationRuntime(implementation as never, metadata, validators);

function started(configuration: PlainObject, configurationType: string | null = null) {
  const lines: string[] = [];
  const sink = (level: LogLevel, line: string) => lines.push(`[${level}] ${line}`);
  const instance = runtime.start({ configurationType, configuration, env: {}, logger: sink } as never);
  return { instance, lines };
}

async function message(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return `${(error as Error).message}\n${(error as Error).stack ?? ''}`;
  }
  throw new Error('expected an error');
}

describe('secret-marked fields at run time', () => {
  const configuration = { token: TOKEN, accounts: [{ password: 'pw-555-secret', user: 'ada' }] };

  it('keeps a configuration secret out of a log line holding the whole configuration; unmarked fields show', async () => {
    const { instance, lines } = started(configuration);
    await instance.register();
    expect(lines).toEqual([`[info] config is {"token":"${REDACTED}","accounts":[{"password":"${REDACTED}","user":"ada"}],"region":"eu-west"}`]);
  });

  it('keeps it out of an error a handler throws quoting it', async () => {
    const { instance } = started(configuration);
    const text = await message(() => instance.callAction('leak' as never, {} as never));
    expect(text).toContain(`the API refused token ${REDACTED} for eu-west`);
    expect(text).not.toContain(TOKEN);
  });

  it('keeps it out of a validation error on that field, and out of a configuration that fails to start', () => {
    const start = () => started({ token: 'bad-token-value', extra: TOKEN });
    expect(start).toThrow(ConfigurationError);
    let text = '';
    try {
      start();
    } catch (error) {
      text = `${(error as Error).message} ${(error as Error).stack ?? ''}`;
    }
    expect(text).toContain('configuration.token must match pattern "^tok-"');
    expect(text).not.toContain('bad-token-value');
  });

  it('uses the secret fields of the configuration selected by configurationType', async () => {
    const { instance, lines } = started({ clientSecret: CLIENT_SECRET, clientId: 'app-1' }, 'oauth');
    await instance.register();
    expect(lines).toEqual([`[info] config is {"clientSecret":"${REDACTED}","clientId":"app-1"}`]);
  });

  it('learns a state’s secret fields when a handler writes or reads it, and keeps them out of later lines and errors', async () => {
    const { instance, lines } = started(configuration);
    await instance.handleWebhook({ body: '{}' });
    const text = await message(() => instance.callAction('leak' as never, { what: 'state' } as never));
    expect(text).toContain(`refused: {"accessToken":"${REDACTED}","user":"ada"}`);
    expect(lines).toContain(`[info] session {"accessToken":"${REDACTED}","user":"ada"}`);
    expect(lines.join('\n')).not.toContain(ACCESS_TOKEN);
    expect(instance.redact(`x ${ACCESS_TOKEN} ${TOKEN}`)).toBe(`x ${REDACTED} ${REDACTED}`);
  });

  it('learns them through updateState: from the payload update is given and from the one it returns', async () => {
    const client = new InMemoryClient();
    const lines: string[] = [];
    const instance = runtime.start({ configuration, env: {}, client, logger: (level: LogLevel, line: string) => lines.push(`[${level}] ${line}`) } as never);
    // Stored behind the handlers' back: nothing has taught the redactor this token yet.
    await client.setState({ type: 'user', id: 'u1', name: 'session', payload: { accessToken: ACCESS_TOKEN, user: 'ada' } });
    const text = await message(() => instance.callAction('leak' as never, { what: 'rotate' } as never));
    expect(lines).toEqual([`[info] rotating {"accessToken":"${REDACTED}","user":"ada"}`]);
    expect(text).toContain(`rotated to ${REDACTED}`);
    expect(`${lines.join('\n')}\n${text}`).not.toMatch(new RegExp(`${ACCESS_TOKEN}|${ROTATED_TOKEN}`));
    expect((await client.getState({ type: 'user', id: 'u1', name: 'session' })).state.payload).toEqual({ accessToken: ROTATED_TOKEN, user: 'ada' });
  });

  it('keeps the client handlers get the one given to start() for everything but states', async () => {
    const client = new InMemoryClient();
    const instance = runtime.start({ configuration, env: {}, client, logger: () => undefined } as never);
    await instance.handleWebhook({});
    expect(instance.client).toBe(client);
    expect(client.states.map((state) => state.name)).toEqual(['session']);
  });

  it('keeps them out of the lines of a bot running the integration', async () => {
    const lines: string[] = [];
    const bot = new BotRuntime(
      { messages: {}, events: {} },
      { main: { integration: 'vault', configurationType: null, configuration: { token: '${VAULT_TOKEN}', accounts: [] }, disabledChannels: [] } },
    );
    const running = bot.start({ integrations: { main: runtime } as never, env: { VAULT_TOKEN: TOKEN }, logger: (level, line) => lines.push(line) });
    await running.handleWebhook('main', { body: '{}' });
    running.logger.info(`bot saw ${TOKEN} and ${ACCESS_TOKEN}`);
    expect(lines).toContain(`bot saw ${REDACTED} and ${REDACTED}`);
  });
});
