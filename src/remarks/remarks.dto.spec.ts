import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import fc from 'fast-check';
import { AppError } from '../common/errors/app-error';
import type { FieldError } from '../common/errors/validation';
import { fieldErrorsIn } from '../common/errors/validation';
import { AppValidationPipe, VALIDATION_OPTIONS } from '../common/errors/validation-pipe';
import { CreateRemarkDto, ListRemarksQuery } from './remarks.dto';

/** What a pipe makes of a value: the instance (its class and fields) or the error's code and field errors. */
async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) {
  try {
    const result: unknown = await pipe.transform(value, metadata);
    return { class: (result as object)?.constructor?.name, fields: { ...(result as object) } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      code: error.code,
      kk: fieldErrorsIn(error.details as FieldError[], 'kk'),
      ru: fieldErrorsIn(error.details as FieldError[], 'ru'),
    };
  }
}

const full = new ValidationPipe(VALIDATION_OPTIONS);
const fast = new AppValidationPipe();
const body: ArgumentMetadata = { type: 'body', metatype: CreateRemarkDto };
const query: ArgumentMetadata = { type: 'query', metatype: ListRemarksQuery };

describe('the fast paths of the submission and the remark page', () => {
  it('give what class-transformer and class-validator give, valid or not', async () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('x'.repeat(10000), 'x'.repeat(10001), '😀'.repeat(5001)));
    const language = fc.oneof(fc.constantFrom('kk', ' RU ', 'en', 'und', 'zz', 'xx', 'k', 'kaz', '', 'de '), fc.string({ maxLength: 4 }));
    const anything = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
    );
    const remark = fc.record(
      { body: fc.oneof(text, anything), language: fc.oneof(language, anything), extra: fc.string() },
      { requiredKeys: [] },
    );
    const number = fc.oneof(
      fc.constantFrom('1', '2', '3', '0', '01', '10', '99', '100', '101', '1.5', ' 5', '', 'abc', '-1'),
      fc.integer().map(String),
    );
    const page = fc.record(
      {
        stage: fc.oneof(number, fc.array(number, { maxLength: 2 })),
        limit: number,
        cursor: fc.string({ maxLength: 210 }),
        lang: fc.constant('ru'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(remark, anything), async (value) => {
        expect(await outcome(fast, value, body)).toEqual(await outcome(full, value, body));
      }),
      { numRuns: 500 },
    );
    await fc.assert(
      fc.asyncProperty(page, async (value) => {
        expect(await outcome(fast, value, query)).toEqual(await outcome(full, value, query));
      }),
      { numRuns: 500 },
    );
  });

  it('a usual submission and page query take the fast path', async () => {
    const remark = (await fast.transform({ body: 'Сроки поставки слишком короткие', language: ' KK' }, body)) as CreateRemarkDto;
    expect(remark).toBeInstanceOf(CreateRemarkDto);
    expect({ ...remark }).toEqual({ body: 'Сроки поставки слишком короткие', language: 'kk' });
    const page = (await fast.transform({ limit: '10', stage: '2', cursor: 'abc' }, query)) as ListRemarksQuery;
    expect(page).toBeInstanceOf(ListRemarksQuery);
    expect({ ...page }).toEqual({ limit: 10, stage: 2, cursor: 'abc' });
  });
});
