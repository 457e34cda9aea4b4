/**
 * HTTP load for the benchmarks, and starting servers to load: wrk when it is installed (Debian
 * `wrk`; it drives bare node:http at 20,000–30,000 req/s here), else autocannon, which saturates
 * near 13,000 req/s on this machine and then measures itself rather than the server.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  rps: number;
  /** 99th percentile latency, ms. */
  p99: number;
}

function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary throws ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** True when the load comes from wrk (`BENCH_LOAD=autocannon` forces autocannon). */
export const USE_WRK = process.env.BENCH_LOAD !== 'autocannon' && hasWrk();

/** wrk's latency in ms from `1.23ms`, `456.00us`, `1.2s`. */
function wrkMs(value: string): number {
  const n = Number.parseFloat(value);
  if (value.endsWith('us')) return n / 1000;
  if (value.endsWith('ms')) return n;
  return n * 1000;
}

async function loadWithWrk(url: string, seconds: number, connections: number, threads: number) {
  const child = spawn('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1];
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(out);
  if (!Number.isFinite(rps) || !p99) throw new Error(`could not read wrk's output:\n${out}`);
  if (errors) throw new Error(`${url}: ${errors[0]} under load`);
  return { rps, p99: Math.round(wrkMs(p99) * 100) / 100 };
}

/** Loads `url` for `seconds` with `connections` connections (wrk with `threads` threads, or autocannon). */
export async function load(
  url: string,
  seconds: number,
  connections: number,
  threads = 2,
): Promise<LoadResult> {
  if (USE_WRK) return loadWithWrk(url, seconds, connections, threads);
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Resolves with the first capture of `pattern` in the child's standard output. */
export async function waitForUrl(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
  });
}
