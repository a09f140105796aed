import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('migrations/index.ts', () => {
  it('lists every migration file, in timestamp order', () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d+-\w+\.ts$/.test(f))
      .sort();
    const listed = MIGRATIONS.map((m) => m.name);
    expect(listed).toEqual(files.map((f) => f.replace(/^(\d+)-(\w+)\.ts$/, '$2$1')));
  });
});
