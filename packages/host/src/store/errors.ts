import { IntcRuntimeError } from '@intc/runtime';

/** The store cannot be used as asked: a database newer than this intc, a location it cannot open. */
export class StoreError extends IntcRuntimeError {
  override name = 'StoreError';
}
