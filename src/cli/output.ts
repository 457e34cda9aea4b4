/** Where CLI commands write, so tests can capture it. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /**
   * A progress line for long work, rewritten in place on a terminal; '' clears it. Absent (tests,
   * pipes, logs): no progress, the command's plain summary is all there is.
   */
  progress?(line: string): void;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  ...(process.stderr.isTTY
    ? {
        progress: (line: string) =>
          process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}`),
      }
    : {}),
};
