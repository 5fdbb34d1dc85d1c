/**
 * The framing of Chromium's `--remote-debugging-pipe`: each DevTools message is one JSON text
 * followed by a NUL byte. Bytes in, whole messages out; no I/O, so it is tested on its own.
 * UTF-8 never uses a 0x00 byte inside a multi-byte character, so cutting at NUL bytes is safe.
 */

/** Far above any message the launcher asks for; a pipe that sends more is not Chromium talking sense. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FrameTooLargeError extends Error {
  constructor(bytes: number) {
    super(`DevTools message of more than ${bytes} bytes without a terminator`);
  }
}

export class NulFrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  /** Returns the messages this chunk completes, in order; keeps a partial one for the next chunk. */
  push(chunk: Uint8Array): string[] {
    const frames: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(0); end >= 0; end = chunk.indexOf(0, start)) {
      this.pending.push(Buffer.from(chunk.subarray(start, end)));
      frames.push(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      this.pending.push(Buffer.from(chunk.subarray(start)));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.maxFrameBytes) {
        this.pending = [];
        this.pendingBytes = 0;
        throw new FrameTooLargeError(this.maxFrameBytes);
      }
    }
    return frames;
  }
}

export function encodeFrame(message: unknown): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify(message), 'utf8'), Buffer.from([0])]);
}
