/**
 * The `onCreated` listeners of a client: every client that stores messages
 * and events (the in-memory one, the host's store) announces each one, once
 * stored, to the listeners registered then. That is how a bot running in
 * the same process receives what its integrations create.
 */
import type { EventRecord, MessageRecord } from './client-contract.js';

/** A message or event just stored, as `onCreated` listeners get it. */
export type CreatedRecord =
  | { readonly kind: 'message'; readonly message: MessageRecord }
  | { readonly kind: 'event'; readonly event: EventRecord };

export type CreatedListener = (created: CreatedRecord) => Promise<void> | void;

export class CreatedListeners {
  #listeners: readonly CreatedListener[] = [];

  /** Calls `listener` for each record announced from now on; returns a function that removes it. */
  add(listener: CreatedListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Calls the listeners one after the other, awaiting each; the first that fails fails the announcement. */
  async announce(created: CreatedRecord): Promise<void> {
    // A snapshot: a listener added or removed while one runs takes effect from the next record.
    for (const listener of this.#listeners) await listener(created);
  }
}
