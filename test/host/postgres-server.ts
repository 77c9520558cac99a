/**
 * A Postgres server for the store's tests: the one `INTC_TEST_POSTGRES_URL`
 * names (its role must be allowed to create databases), else a throwaway
 * cluster (initdb into a temporary folder, pg_ctl start on a free port of
 * 127.0.0.1, stopped and deleted afterwards). Postgres refuses to run as
 * root, so as root the cluster runs as the `postgres` system user (Debian's
 * package creates it). Each test file asks for fresh databases, dropped at
 * the end.
 *
 * Without a server the Postgres tests fail, saying how to get one: CI must
 * run them (.ci/run installs Debian's `postgresql`). `INTC_SKIP_POSTGRES=1`
 * lets a developer without Postgres skip them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const SKIP_POSTGRES = process.env['INTC_SKIP_POSTGRES'] === '1';

export interface TestPostgres {
  /** The URL of a new, empty database; dropped by `stop()`. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env['INTC_TEST_POSTGRES_URL'];
  if (given !== undefined && given !== '') return withDatabases(given, async () => {});
  const cluster = await startCluster();
  return withDatabases(cluster.url, cluster.stop);
}

function withDatabases(adminUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `intc_test_${process.pid}_${Date.now().toString(36)}_${created.length + 1}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        await admin(async (client) => {
          for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      } finally {
        await stopServer();
      }
    },
  };
}

interface Cluster {
  readonly url: string;
  stop(): Promise<void>;
}

async function startCluster(): Promise<Cluster> {
  const bin = postgresBinaries();
  const folder = mkdtempSync(join(tmpdir(), 'intc-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const user = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    try {
      chownSync(folder, user('-u'), user('-g'));
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw new Error(`Postgres refuses to run as root, and there is no 'postgres' user to run it as (${(error as Error).message}).`);
    }
  }
  const run = (program: string, args: readonly string[]) => {
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), [...args]];
    const result = spawnSync(command, fullArgs, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(`${program} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
    }
  };
  const data = join(folder, 'data');
  const port = await freePort();
  const stop = () => {
    spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', '-w', 'stop'], {
      timeout: 30_000,
    });
    rmSync(folder, { recursive: true, force: true });
  };
  // A test process that dies without its afterAll still stops its cluster.
  process.once('exit', stop);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${folder} -c fsync=off -c max_connections=60`;
    run('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    stop();
    process.removeListener('exit', stop);
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      process.removeListener('exit', stop);
      stop();
    },
  };
}

/** The folder holding initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin. */
function postgresBinaries(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config on PATH.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found === undefined) {
    throw new Error(
      'The Postgres store tests need a PostgreSQL server and found none: no initdb/pg_ctl (pg_config --bindir, /usr/lib/postgresql/*/bin). ' +
        'Install one (Debian: apt-get install postgresql), or set INTC_TEST_POSTGRES_URL to a server whose role may create databases, ' +
        'or set INTC_SKIP_POSTGRES=1 to skip these tests on a machine without Postgres (CI must not).',
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
