import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; amounts in tenge fit safely in a JS number. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
