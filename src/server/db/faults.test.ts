import { describe, expect, it } from 'vitest';
import { databaseFault, DatabaseUnavailableError } from './faults.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('database faults', () => {
  it('takes a lost or refused PostgreSQL connection for an unavailable database', () => {
    expect(databaseFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseFault(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('unavailable');
    expect(databaseFault(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''))).toBe('unavailable');
    expect(databaseFault(withCode('terminating connection due to administrator command', '57P01'))).toBe('unavailable');
    expect(databaseFault(withCode('connection failure', '08006'))).toBe('unavailable');
    expect(databaseFault(new DatabaseUnavailableError('waiting'))).toBe('unavailable');
  });

  it('tells a full disk and a read-only database apart', () => {
    expect(databaseFault(withCode('database or disk is full', 'SQLITE_FULL'))).toBe('disk-full');
    expect(databaseFault(withCode('could not extend file', '53100'))).toBe('disk-full');
    expect(databaseFault(withCode('attempt to write a readonly database', 'SQLITE_READONLY'))).toBe('read-only');
    expect(databaseFault(withCode('cannot execute INSERT in a read-only transaction', '25006'))).toBe('read-only');
  });

  it('leaves bugs and refused data to be what they are', () => {
    expect(databaseFault(withCode('UNIQUE constraint failed: tickets.client_id', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(databaseFault(withCode('duplicate key value violates unique constraint', '23505'))).toBeNull();
    expect(databaseFault(new TypeError('Cannot read properties of undefined'))).toBeNull();
    expect(databaseFault('Connection terminated')).toBeNull();
  });
});
