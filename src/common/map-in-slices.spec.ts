import { mapInSlices } from './map-in-slices';

describe('mapInSlices', () => {
  it('maps every item in order, as Array.map would', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    await expect(mapInSlices(items, (n) => n * 2, 100)).resolves.toEqual(items.map((n) => n * 2));
    await expect(mapInSlices([], (n: number) => n)).resolves.toEqual([]);
  });

  it('lets other work run between slices, not within one', async () => {
    const log: string[] = [];
    const other = setImmediate(() => log.push('other'));
    await mapInSlices([1, 2, 3, 4, 5], (n) => log.push(`item ${n}`), 2);
    clearImmediate(other);
    expect(log).toEqual(['item 1', 'item 2', 'other', 'item 3', 'item 4', 'item 5']);
  });
});
