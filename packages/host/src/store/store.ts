/**
 * An open database holding the records of any number of installations
 * (integrations, bot aliases), each in its own namespace.
 */
import type { ClientDefinition } from '@intc/runtime';
import { StoreError } from './errors.js';
import type { Database, Dialect } from './script.js';
import { StoreClient } from './store-client.js';
import { namespaceId } from './store-scripts.js';

export class Store {
  readonly #database: Database;

  constructor(
    database: Database,
    /** The database as messages may show it (no password). */
    readonly location: string,
  ) {
    this.#database = database;
  }

  get dialect(): Dialect {
    return this.#database.dialect;
  }

  /**
   * The client of one installation: `namespace` names it (e.g. the
   * integration's name, or `<bot>/<alias>`), and the same name finds the
   * same records again, in this process or another.
   */
  async client(namespace: string, definition?: ClientDefinition): Promise<StoreClient> {
    if (namespace === '') throw new StoreError('A store namespace needs a name (the integration or alias it holds the records of).');
    const id = await this.#database.run(() => namespaceId(namespace), 'single');
    return new StoreClient(this.#database, id, definition);
  }

  /** Closes the database; the store's clients fail from then on. */
  async close(): Promise<void> {
    await this.#database.close();
  }
}
