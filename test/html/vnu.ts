import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The W3C Nu HTML Checker of the vnu-jar package. */
export const VNU_JAR = join(__dirname, '..', '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** Whether a Java runtime answers `java -version`. */
export function javaAvailable(): boolean {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return probe.status === 0;
}

export interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

/** Runs the checker once (one JVM) over `files`; returns its errors. */
export function vnuErrors(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss8m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        // vnu writes its JSON report to stderr and exits 1 when it found errors
        try {
          const report = JSON.parse(stderr) as { messages: VnuMessage[] };
          resolve(report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error'));
        } catch {
          reject(new Error(`vnu did not report JSON (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}`));
        }
      },
    );
  });
}
