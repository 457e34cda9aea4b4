import { describe, expect, it } from 'vitest';
import { TransactionContext } from './transaction-context.js';

describe('TransactionContext', () => {
  it('names the transaction inside its work only, also across awaits, and not in work running meanwhile', async () => {
    const context = new TransactionContext<string>();
    expect(context.current()).toBeUndefined();
    let meanwhile: string | undefined = 'unset';
    const inside: Array<string | undefined> = [];
    const tx = context.run('tx1', async () => {
      inside.push(context.current());
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside.push(context.current());
      return 42;
    });
    // Another request served while the transaction waits.
    await new Promise((resolve) => setTimeout(resolve, 1));
    meanwhile = context.current();
    expect(await tx).toBe(42);
    expect(inside).toEqual(['tx1', 'tx1']);
    expect(meanwhile).toBeUndefined();
  });

  it('is off once the last open transaction settles, failed ones included, and on again for the next', async () => {
    const context = new TransactionContext<number>();
    const first = context.run(1, () => new Promise((resolve) => setTimeout(resolve, 5)));
    const second = context.run(2, async () => {
      throw new Error('rolled back');
    });
    expect(context.enabled).toBe(true);
    await expect(second).rejects.toThrow('rolled back');
    // The first is still open.
    expect(context.enabled).toBe(true);
    await first;
    expect(context.enabled).toBe(false);
    expect(context.current()).toBeUndefined();
    expect(await context.run(3, async () => context.current())).toBe(3);
    expect(context.enabled).toBe(false);
  });
});
