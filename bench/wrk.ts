/**
 * wrk (Debian's `wrk`) driven from the benchmarks, with everything it reports: requests per
 * second, latency percentiles, non-2xx/3xx responses and socket errors, and how much CPU wrk
 * itself used (a load generator at its limit measures itself, not the server).
 */
import { spawn } from 'node:child_process';

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx/3xx responses plus socket errors (connect, read, write, timeout). */
  errors: number;
  /** The same, spelled out: `non-2xx 3, timeout 2`; empty when none. */
  errorDetail: string;
  requests: number;
  /** Bytes read (headers and bodies), as wrk reports them (`70.89MB`). */
  bytes: number;
  /** wrk's own CPU time over the run's wall time (1.0 = one core busy all along). */
  wrkCpu: number;
}

/** wrk's latency in ms from `1.23ms`, `456.00us`, `1.2s`, `2.00m`. */
function wrkMs(value: string): number {
  const n = Number.parseFloat(value);
  if (value.endsWith('us')) return n / 1000;
  if (value.endsWith('ms')) return n;
  if (value.endsWith('m')) return n * 60_000;
  return n * 1000;
}

export interface WrkOptions {
  seconds: number;
  connections: number;
  threads?: number;
  /** A Lua script (`-s`) and its arguments. */
  script?: string;
  scriptArgs?: string[];
  /** CPU cores wrk may use (`taskset -c`), e.g. `0`. */
  cpus?: string;
}

export async function wrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    ...(options.script ? ['-s', options.script] : []),
    url,
    ...(options.scriptArgs?.length ? ['--', ...options.scriptArgs] : []),
  ];
  const [command, argv] = options.cpus
    ? ['/usr/bin/time', ['-f', 'cpu %U %S %e', 'taskset', '-c', options.cpus, 'wrk', ...args]]
    : ['/usr/bin/time', ['-f', 'cpu %U %S %e', 'wrk', ...args]];
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = /\s50%\s+(\S+)/.exec(out)?.[1];
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1];
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const read = /requests in [^,]+, ([\d.]+)([KMGT]?B) read/.exec(out);
  const bytes = read ? Number(read[1]) * 1024 ** ['B', 'KB', 'MB', 'GB', 'TB'].indexOf(read[2]!) : Number.NaN;
  if (!Number.isFinite(rps) || !p50 || !p99) throw new Error(`could not read wrk's output:\n${out}\n${err}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  const detail = [
    ...(non2xx ? [`non-2xx/3xx ${non2xx}`] : []),
    ...(socket
      ? ['connect', 'read', 'write', 'timeout'].flatMap((name, i) =>
          Number(socket[i + 1]) ? [`${name} ${socket[i + 1]}`] : [],
        )
      : []),
  ].join(', ');
  const cpu = /cpu ([\d.]+) ([\d.]+) ([\d.]+)/.exec(err);
  const wrkCpu = cpu ? (Number(cpu[1]) + Number(cpu[2])) / Math.max(0.001, Number(cpu[3])) : Number.NaN;
  return {
    rps,
    p50: wrkMs(p50),
    p99: wrkMs(p99),
    errors: non2xx + socketErrors,
    errorDetail: detail,
    requests,
    bytes,
    wrkCpu,
  };
}
