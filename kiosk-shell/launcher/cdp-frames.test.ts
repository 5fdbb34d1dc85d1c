import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameTooLargeError, NulFrameDecoder } from './cdp-frames.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('the DevTools pipe framing', () => {
  it('encodes a message as JSON followed by one NUL byte', () => {
    expect([...encodeFrame({ id: 1, method: 'Browser.getVersion' })].at(-1)).toBe(0);
    expect(encodeFrame({ id: 1 }).subarray(0, -1).toString()).toBe('{"id":1}');
  });

  it('cuts messages at NUL bytes, across and within chunks', () => {
    const decoder = new NulFrameDecoder();
    expect(decoder.push(bytes('{"id":1}\0{"id"'))).toEqual(['{"id":1}']);
    expect(decoder.push(bytes(':2}\0{"id":3}\0'))).toEqual(['{"id":2}', '{"id":3}']);
    expect(decoder.push(bytes(''))).toEqual([]);
  });

  it('keeps a multi-byte character that a chunk boundary splits', () => {
    const whole = Buffer.from('{"title":"自助终端"}\0', 'utf8');
    const decoder = new NulFrameDecoder();
    expect(decoder.push(new Uint8Array(whole.subarray(0, 12)))).toEqual([]);
    expect(decoder.push(new Uint8Array(whole.subarray(12)))).toEqual(['{"title":"自助终端"}']);
  });

  it('refuses an unterminated message past the size limit', () => {
    const decoder = new NulFrameDecoder(8);
    expect(() => decoder.push(bytes('{"id":12345'))).toThrow(FrameTooLargeError);
    expect(decoder.push(bytes('{}\0'))).toEqual(['{}']);
  });
});
