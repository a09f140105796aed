import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_NODE_FLAGS } from '../../bench/common';

const ROOT = join(__dirname, '..', '..');

/** The bench measures the service as it runs in production: the same Node flags in every place that starts it. */
describe('the Node flags of production', () => {
  const nodeFlags = (command: string) => command.split(/\s+/).filter((word) => word.startsWith('--'));

  it('are those of the start scripts and of the Docker image', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(nodeFlags(scripts.start.replace(/^.*?\bnode\b/, ''))).toEqual(PRODUCTION_NODE_FLAGS);
    expect(nodeFlags(scripts['start:prod'])).toEqual(PRODUCTION_NODE_FLAGS);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8'))![1];
    expect((JSON.parse(cmd) as string[]).filter((word) => word.startsWith('--'))).toEqual(PRODUCTION_NODE_FLAGS);
  });

  it('are those the fault tests start the built service with', () => {
    const harness = readFileSync(join(ROOT, 'test', 'faults', 'harness', 'service.ts'), 'utf8');
    expect(harness).toMatch(/spawn\(process\.execPath, \[\.\.\.PRODUCTION_NODE_FLAGS, MAIN\]/);
  });
});
