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
        message: `the record is ${length.toLocaleString('en-US')} bytes or more; the limit is ${maxBytes.toLocaleString('en-US')} (--max-record-bytes)`,
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

/** Where a buffer stops being UTF-8 (for the message): the longest prefix that is valid so far. */
function firstInvalidByte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      // Streaming: a prefix that ends inside a character is still "valid so far".
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}
