import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, log } from './common';
import type { BenchResults } from './report';
import { writeReport } from './report';

/** Writes BENCHMARKS.md again from the last full run's results.json (after a change to the report's form). */
const results = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8')) as BenchResults;
if (results.scale !== 1)
  throw new Error(`${BENCH_DIR}/results.json is of a reduced run (scale ${results.scale}); BENCHMARKS.md shows full runs only`);
const missing = (['submit', 'pages', 'dispatch', 'sweep'] as const).filter((k) => !results[k]);
if (missing.length) throw new Error(`${BENCH_DIR}/results.json lacks ${missing.join(', ')} (a BENCH_ONLY run)`);
writeReport(results);
log(`BENCHMARKS.md written from ${BENCH_DIR}/results.json (run of ${results.date})`);
