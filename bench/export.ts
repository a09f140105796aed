import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { log, withClient } from './common';

/** One download of the bulk export, and what the service process used meanwhile. */
export interface ExportRun {
  format: 'csv' | 'json';
  rows: number;
  expectedRows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  /** Resident memory of the service process just before the download, its peak during it (sampled every 50 ms), in MiB. */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  /** The process's high-water mark (VmHWM) after the download: its peak since it started, every earlier scenario included. */
  hwmAfterMiB: number;
}

export interface ExportResults {
  csv: ExportRun;
  json: ExportRun;
}

/** VmRSS / VmHWM of a process in MiB (Linux /proc). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

/**
 * Rows in a stream of the export's text: CSV rows begin with the remark's id after a line break, JSON
 * records each on a line of their own beginning with `{` (texts never hold a raw line break in JSON).
 */
function rowCounter(format: 'csv' | 'json'): (chunk: string) => number {
  const start = format === 'csv' ? /\r\n[0-9a-f]{8}-[0-9a-f]{4}-/g : /\n\{/g;
  /** The end of the text before: a row start may span two chunks (the longest is 16 characters). */
  let carry = '';
  return (chunk) => {
    const text = carry + chunk;
    // a match that ends within the carried tail was counted with the chunk before
    const n = [...text.matchAll(start)].filter((m) => m.index + m[0].length > carry.length).length;
    carry = text.slice(-15);
    return n;
  };
}

/** 7. The whole export of remarks downloaded over HTTP, CSV then JSON, with the service's memory. */
export async function exportScenario(url: string, serviceUrl: string, service: ChildProcess): Promise<ExportResults> {
  const expectedRows = await withClient(
    url,
    async (c) =>
      (
        await c.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM remarks r JOIN plans p ON p.id = r.plan_id WHERE p.published_at IS NOT NULL',
        )
      ).rows[0].n,
  );
  const run = async (format: 'csv' | 'json'): Promise<ExportRun> => {
    const pid = service.pid!;
    const before = memoryOf(pid);
    let peak = before.rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(pid).rss);
    }, 50);
    const started = Date.now();
    let firstByteMs = 0;
    let bytes = 0;
    let rows = 0;
    try {
      const res = await fetch(`${serviceUrl}/api/v1/export/remarks.${format}`);
      if (!res.ok || !res.body) throw new Error(`export ${format}: ${res.status}`);
      const count = rowCounter(format);
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (!firstByteMs) firstByteMs = Date.now() - started;
        bytes += chunk.byteLength;
        rows += count(decoder.decode(chunk, { stream: true }));
      }
    } finally {
      clearInterval(sampler);
    }
    const totalMs = Date.now() - started;
    const after = memoryOf(pid);
    const result = {
      format,
      rows,
      expectedRows,
      bytes,
      firstByteMs,
      totalMs,
      rssBeforeMiB: before.rss,
      rssPeakMiB: Math.max(peak, after.rss),
      hwmAfterMiB: after.hwm,
    };
    log(
      `export ${format}: ${rows} rows (${expectedRows} expected), ${(bytes / 2 ** 20).toFixed(0)} MiB in ${(totalMs / 1000).toFixed(1)} s, ` +
        `first byte ${firstByteMs} ms; service RSS ${before.rss.toFixed(0)} MiB before, peak ${result.rssPeakMiB.toFixed(0)} MiB (VmHWM ${after.hwm.toFixed(0)})`,
    );
    return result;
  };
  return { csv: await run('csv'), json: await run('json') };
}
