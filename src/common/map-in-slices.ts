import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items mapped between two turns of the event loop (see mapInSlices). */
export const SLICE = 200;

/**
 * `items.map(map)` for background work over thousands of items (a plan's OCDS releases): the event
 * loop turns after every `slice` items, so requests waiting on the same process are answered between
 * slices instead of after the whole batch (2,000 releases were 25-60 ms of one turn).
 */
export async function mapInSlices<T, R>(items: readonly T[], map: (item: T) => R, slice = SLICE): Promise<R[]> {
  const out = new Array<R>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % slice === 0) await nextTurn();
    out[i] = map(items[i]);
  }
  return out;
}
