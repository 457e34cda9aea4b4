import { escapeForTerminal } from '../ingest/sources/clean.js';

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

/**
 * `output` with every control character of a line shown as an escape (`\u001b`), never sent raw:
 * a story title holding a terminal escape must not clear or retitle the terminal of whoever lists
 * it. Stories are cleaned at import; this also covers what was stored before that, and messages.
 */
export function terminalSafe(output: Output): Output {
  return {
    out: (line) => output.out(escapeForTerminal(line)),
    err: (line) => output.err(escapeForTerminal(line)),
    ...(output.progress ? { progress: (line: string) => output.progress?.(escapeForTerminal(line)) } : {}),
  };
}
