import type { DataSource, EntityManager } from 'typeorm';

/**
 * The loops of the periodic sweeps. Each claim is a conditional UPDATE in the transaction that also
 * queues its e-mails, so a candidate that changed since it was selected is simply not claimed.
 */

/** Runs `claim` on each candidate in a transaction of its own; returns how many were claimed. */
export async function claimEach<C>(
  db: DataSource,
  candidates: readonly C[],
  claim: (em: EntityManager, candidate: C) => Promise<boolean>,
): Promise<number> {
  let claimed = 0;
  for (const candidate of candidates) {
    if (await db.transaction((em) => claim(em, candidate))) claimed++;
  }
  return claimed;
}

/** Runs `batch` again while it handles `size` items or more; returns the total handled. */
export async function whileFull(size: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await batch();
    total += handled;
    if (handled < size) return total;
  }
}
