/**
 * Lines of a file, read as bytes, each one checked before it becomes a string: a line longer than
 * the record limit is never built (its bytes are dropped as they stream past, so a 700 MB line in
 * a 700 KB gzip costs no memory), and a line that is not valid UTF-8 is reported rather than read
 * with replacement characters. Either is a bad record at `file:line` like any other.
 */
import type { Readable } from 'node:stream';

export type Line =
  | { lineNumber: number; ok: true; text: string }
  | { lineNumber: number; ok: false; message: string };

const LF = 0x0a;

/** Splits `input` into lines (LF or CRLF), at most `maxBytes` bytes each. */
export async function* readLines(input: Readable, maxBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let lineNumber = 0;
  const finish = (): Line => {
    lineNumber++;
    if (tooLong) {
      return {
        lineNumber,
        ok: false,
        message: `the record is ${length.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')} (--max-record-bytes)`,
      };
    }
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    try {
      return { lineNumber, ok: true, text: decoder.decode(bytes) };
    } catch {
      return {
        lineNumber,
        ok: false,
        message: `not valid UTF-8 (at byte ${firstInvalidByte(bytes) + 1} of the line)`,
      };
    }
  };
  const reset = () => {
    parts = [];
    length = 0;
    tooLong = false;
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    while (start <= chunk.length) {
      const end = chunk.indexOf(LF, start);
      const stop = end === -1 ? chunk.length : end;
      if (!tooLong) {
        if (length + (stop - start) > maxBytes) tooLong = true;
        else if (stop > start) parts.push(chunk.subarray(start, stop));
      }
      length += stop - start;
      if (end === -1) break;
      yield finish();
      reset();
      start = end + 1;
    }
  }
  if (length > 0 || parts.length > 0) yield finish();
}

/** Where a buffer stops being UTF-8, 0-based (for the message): the first byte of the bad sequence. */
function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || ((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  // Well-formed in shape but refused (an overlong form or a surrogate): somewhere in the line.
  return 0;
}
