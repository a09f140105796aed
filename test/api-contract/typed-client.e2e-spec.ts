import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** What a client author writes against the generated types: real fields type-check, wrong uses do not. */
const USAGE = `
import type { paths, components } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

type PlanList = Json<paths['/api/v1/plans']['get']['responses'][200]>;
export const title: string = ({} as PlanList).items[0].title;
export const titleKk: string | null = ({} as PlanList).items[0].i18n.title.kk;
export const cursor: string | null = ({} as PlanList).nextCursor;

type NewPlan = NonNullable<paths['/api/v1/plans']['post']['requestBody']>['content']['application/json'];
export const draft = { subjectCode: '452112.000.000000', amount: 1000, method: 'auction' } as Pick<NewPlan, 'subjectCode' | 'amount' | 'method'>;
type Created = Json<paths['/api/v1/plans']['post']['responses'][201]>;
export const id: string = ({} as Created).id;

type Remarks = Json<paths['/api/v1/plans/{id}/remarks']['get']['responses'][200]>;
export const remarkBody: string | null = ({} as Remarks).items[0].body;
export const answerVersion: number | undefined = ({} as Remarks).items[0].answer?.version;

type Refusal = Json<paths['/api/v1/plans/{id}/publish']['post']['responses'][422]>;
export const code: string = ({} as Refusal).error.code;
export const sameShape: components['schemas']['ApiErrorResponse'] = {} as Refusal;

type Login = Json<paths['/api/v1/auth/login']['post']['responses'][200]>;
export const token: string = ({} as Login).accessToken;

// deliberately wrong uses: each must be a type error
// @ts-expect-error the amount is a number
export const wrongAmount: string = ({} as PlanList).items[0].amount;
// @ts-expect-error no such field
export const missing = ({} as PlanList).items[0].notAField;
// @ts-expect-error a login answer has no password
export const noPassword = ({} as Login).password;
// @ts-expect-error a plan's list has no 418 answer
export type Teapot = paths['/api/v1/plans']['get']['responses'][418];
`;

describe('OpenAPI description: a typed client generated from it', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'talqylau-client-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('generates with openapi-typescript and type-checks calls against it', async () => {
    const served = await t.http.get('/api/docs-json').expect(200);
    // the CLI in its own process: openapi-typescript's dependencies are ES modules that jest cannot load
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(served.body));
    await promisify(execFile)(process.execPath, [
      join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js'),
      join(dir, 'openapi.json'),
      '-o',
      join(dir, 'api.ts'),
    ]);
    expect(readFileSync(join(dir, 'api.ts'), 'utf8')).toContain('"/api/v1/plans"');
    writeFileSync(join(dir, 'usage.ts'), USAGE);

    const program = ts.createProgram([join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  });
});
