import { DatabaseError } from 'pg';
import { connectionSurvives } from './pool-query';

/** An error as pg builds it from the server's ErrorResponse. */
function serverError(code: string, severity = 'ERROR'): DatabaseError {
  return Object.assign(new DatabaseError('x', 0, 'error'), { code, severity });
}

describe('connectionSurvives', () => {
  it.each([
    ['23505', 'unique violation'],
    ['22003', 'numeric value out of range'],
    ['57014', 'statement timeout (the statement was cancelled, the session goes on)'],
    ['40001', 'serialization failure'],
    ['42P01', 'undefined table'],
    ['53200', 'out of memory'],
  ])('keeps the connection after %s (%s)', (code) => {
    expect(connectionSurvives(serverError(code))).toBe(true);
  });

  it.each([
    ['08006', 'connection failure'],
    ['08P01', 'protocol violation'],
    ['57P01', 'admin shutdown (pg_terminate_backend)'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'cannot connect now'],
    ['25P02', 'a transaction left failed (only a multi-statement text could leave one)'],
    ['0A000', 'a stale named statement (cached plan must not change result type)'],
    ['26000', 'a named statement the server does not hold'],
    ['42P05', 'a named statement the server already holds'],
  ])('drops it after %s (%s)', (code) => {
    expect(connectionSurvives(serverError(code))).toBe(false);
  });

  it.each([
    ['an error without a code (the socket, a client-side timeout)', new Error('Connection terminated unexpectedly')],
    ['a Node error with a code', Object.assign(new Error('x'), { code: 'EPIPE' })],
    ['a plain object shaped like a server error', { code: '23505', severity: 'ERROR', message: 'x' }],
    ['a FATAL server error (a standby ending the session on a recovery conflict)', serverError('40001', 'FATAL')],
    ['a PANIC', serverError('XX000', 'PANIC')],
    ['a localized severity (lc_messages in Russian)', serverError('23505', 'ОШИБКА')],
    ['null', null],
    ['a string', 'boom'],
  ])('drops it after %s', (_what, error) => {
    expect(connectionSurvives(error)).toBe(false);
  });
});
