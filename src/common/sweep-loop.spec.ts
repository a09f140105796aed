import type { DataSource, EntityManager } from 'typeorm';
import { claimEach, whileFull } from './sweep-loop';

describe('claimEach', () => {
  it('claims each candidate in its own transaction and counts the successful claims', async () => {
    const em = {} as EntityManager;
    const db = { transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)) } as unknown as DataSource;
    const claim = jest.fn(async (_em: EntityManager, n: number) => n % 2 === 0);
    expect(await claimEach(db, [1, 2, 3, 4], claim)).toBe(2);
    expect(db.transaction).toHaveBeenCalledTimes(4);
    expect(claim.mock.calls.map(([, n]) => n)).toEqual([1, 2, 3, 4]);
  });
});

describe('whileFull', () => {
  it('repeats full batches and stops after the first short one', async () => {
    const sizes = [3, 3, 1, 3];
    const batch = jest.fn(async () => sizes.shift()!);
    expect(await whileFull(3, batch)).toBe(7);
    expect(batch).toHaveBeenCalledTimes(3);
  });

  it('stops after an empty batch', async () => {
    expect(await whileFull(1, async () => 0)).toBe(0);
  });
});
