import { describe, expect, it } from 'vitest';
import { scrubLine, singleLine } from './scrub.ts';

describe('the log scrubber', () => {
  it('masks resident ID numbers like the receipt does, with either check character', () => {
    expect(scrubLine('card read for 11010119900307123X at slot 1')).toBe('card read for 1101**********123X at slot 1');
    expect(scrubLine('id 110101199003071234,next 44530219900101001x')).toBe('id 1101**********1234,next 4453**********001x');
  });

  it('leaves shorter and longer numbers alone: ports, pids, timestamps, job ids', () => {
    const line = 'pid 12345 port 7801 at 1767225600000 job 1234567890123456789012 size 11010119900307123';
    expect(scrubLine(line)).toBe(line);
  });

  it('masks mainland mobile numbers', () => {
    expect(scrubLine('call 13812345678 now')).toBe('call 138****5678 now');
    expect(scrubLine('12812345678 is not a mobile number')).toBe('12812345678 is not a mobile number');
  });

  it('masks the value after sensitive keys, in URL, key: value and JSON spellings', () => {
    expect(scrubLine('opened http://k/#bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=s3cr3t-x')).toBe(
      'opened http://k/#bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=***',
    );
    expect(scrubLine('holder name: Zhang San, gender: male')).toBe('holder name: ***, gender: male');
    expect(scrubLine('{"type":"card","card":{"name":"张 三","idNumber":"x","cardType":"resident"}}')).toBe(
      '{"type":"card","card":{"name":"***","idNumber":"***","cardType":"resident"}}',
    );
    expect(scrubLine("id_number='abc' ADDRESS: 北京市 东城区; pin=1234")).toBe("id_number='***' ADDRESS: ***; pin=***");
    // Unquoted, a value runs to the next separator: too much is masked rather than too little.
    expect(scrubLine('Phone=1 note: x; ok')).toBe('Phone=***; ok');
    expect(scrubLine('Authorization: Bearer eyJhbGciOi.abc.def')).toBe('Authorization: ***');
    expect(scrubLine('sent with Bearer eyJhbGciOi.abc.def to the hall')).toBe('sent with Bearer *** to the hall');
  });

  it('does not mistake longer words that end in a key for the key', () => {
    const line = 'hostname: kiosk-07, filename=a.log, tokens 3, printer tcp 192.168.1.50:9100: connected';
    expect(scrubLine(line)).toBe(line);
  });

  it('keeps a message on one physical line', () => {
    expect(singleLine('first\nforged 2026-01-01T00:00:00Z line\r\n\u001b[31mred')).toBe('first forged 2026-01-01T00:00:00Z line [31mred');
  });
});
