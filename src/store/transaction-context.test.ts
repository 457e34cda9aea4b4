import { executionAsyncResource } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { TransactionContext } from './transaction-context.js';

/**
 * Whether async hooks are on in this thread: with them on, code after an `await` runs in the
 * promise's own async resource; with them off, in the same one as before it.
 */
async function asyncHooksOn(): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const before = executionAsyncResource();
  await null;
  return executionAsyncResource() !== before;
}

describe('TransactionContext', () => {
  it('names the transaction inside its work only, also across awaits, and not in work running meanwhile', async () => {
    const context = new TransactionContext<string>();
    expect(context.current()).toBeUndefined();
    const inside: Array<string | undefined> = [];
    const tx = context.run('tx1', async () => {
      inside.push(context.current());
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside.push(context.current());
      return 42;
    });
    // Another request served while the transaction waits.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const meanwhile = context.current();
    expect(await tx).toBe(42);
    expect(inside).toEqual(['tx1', 'tx1']);
    expect(meanwhile).toBeUndefined();
  });

  it('leaves async hooks off once the last open transaction settles, failed ones included', async () => {
    // The check can tell: hooks are off before, on while a transaction is open.
    expect(await asyncHooksOn()).toBe(false);
    const context = new TransactionContext<number>();
    let release = () => {};
    const first = context.run(1, () => new Promise<void>((resolve) => (release = resolve)));
    const second = context.run(2, async () => {
      throw new Error('rolled back');
    });
    await expect(second).rejects.toThrow('rolled back');
    // The first is still open: on.
    expect(await asyncHooksOn()).toBe(true);
    release();
    await first;
    expect(await asyncHooksOn()).toBe(false);
    expect(context.current()).toBeUndefined();
  });

  it('works again after being off: back to back, and with work an earlier transaction left waiting', async () => {
    const context = new TransactionContext<number>();
    const seen: Array<number | undefined> = [];
    await context.run(1, async () => {
      // Left running past the transaction's end.
      setTimeout(() => seen.push(context.current()), 10);
    });
    expect(await context.run(2, async () => context.current())).toBe(2);
    const third = context.run(3, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return context.current();
    });
    expect(await third).toBe(3);
    // The leftover ran while transaction 3 was open and saw its own (ended) transaction, not 3:
    // the stores' guards also check that the state is still active.
    expect(seen).toEqual([1]);
    expect(await asyncHooksOn()).toBe(false);
  });
});
