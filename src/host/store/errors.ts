import { IntcRuntimeError } from '../../runtime/index.js';

/** The store cannot be used as asked: a database newer than this intc, a location it cannot open. */
export class StoreError extends IntcRuntimeError {
  override name = 'StoreError';
}
