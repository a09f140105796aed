import { connectionSurvives } from './pool-query';

describe('connectionSurvives', () => {
  it.each([
    ['23505', 'unique violation'],
    ['22003', 'numeric value out of range'],
    ['57014', 'statement timeout (the statement was cancelled, the session goes on)'],
    ['40001', 'serialization failure'],
    ['42P01', 'undefined table'],
    ['53200', 'out of memory'],
  ])('keeps the connection after %s (%s)', (code) => {
    expect(connectionSurvives({ code, message: 'x' })).toBe(true);
  });

  it.each([
    ['08006', 'connection failure'],
    ['08P01', 'protocol violation'],
    ['57P01', 'admin shutdown (pg_terminate_backend)'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'cannot connect now'],
    ['0A000', 'a stale named statement (cached plan must not change result type)'],
    ['26000', 'a named statement the server does not hold'],
    ['42P05', 'a named statement the server already holds'],
  ])('drops it after %s (%s)', (code) => {
    expect(connectionSurvives({ code, message: 'x' })).toBe(false);
  });

  it.each([
    ['an error without a code (the socket, a client-side timeout)', new Error('Connection terminated unexpectedly')],
    ['a code that is no SQLSTATE', Object.assign(new Error('x'), { code: 'ECONNRESET' })],
    ['null', null],
    ['a string', 'boom'],
  ])('drops it after %s', (_what, error) => {
    expect(connectionSurvives(error)).toBe(false);
  });
});
