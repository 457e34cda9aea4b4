/**
 * Which transaction's work is running, for the stores' guard against calling the store itself
 * from inside a transaction (`STORE_MISUSE`: on SQLite that call would wait for the transaction
 * that waits for it; on PostgreSQL it would run on another connection).
 *
 * An `AsyncLocalStorage`, enabled only while a transaction is open. On Node 20 an enabled one
 * turns on async hooks for the whole thread: every promise, tick and socket then pays for context
 * tracking. Measured on a cached story page (`bench:http`'s fast path alone, one core): 25 µs of
 * CPU a request without, 28–39 µs with one enabled. Before, the web thread had it on for good
 * from its first transaction (an editor's action on the desk, a level set by hand), and every
 * request after paid. Now it is disabled again when the last transaction on the thread ends.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class TransactionContext<T> {
  private readonly storage = new AsyncLocalStorage<T>();
  private open = 0;

  /** Runs `work` as the transaction `state`; the context is on until the last such work settles. */
  async run<R>(state: T, work: () => Promise<R>): Promise<R> {
    this.open++;
    try {
      return await this.storage.run(state, work);
    } finally {
      if (--this.open === 0) this.storage.disable();
    }
  }

  /** The transaction whose work is running here, if any. */
  current(): T | undefined {
    return this.open === 0 ? undefined : this.storage.getStore();
  }
}
