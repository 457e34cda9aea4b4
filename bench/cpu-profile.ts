/**
 * Where a process's time went, from a V8 CPU profile (`node --cpu-prof`): self time grouped by
 * what the code is (lingwire's store adapter and database driver, the related engine, text
 * analysis, …), with `(idle)`, time the main thread waited on I/O such as PostgreSQL answering.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** The group a function belongs to, from its script URL. */
function groupOf({ url, functionName }: ProfileNode['callFrame']): string {
  if (functionName === '(idle)') return 'waiting on I/O (idle)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 and native, unattributed';
  if (/node_modules\/(pg|pg-[a-z]+|pgpass)\//.test(url)) return 'store: pg driver';
  if (url.includes('node_modules/better-sqlite3/')) return 'store: better-sqlite3';
  if (url.includes('/dist/store/')) return 'store: lingwire adapter';
  if (url.includes('/dist/related/')) return 'related engine';
  if (/\/dist\/(text|articles|dictionary)\//.test(url)) return 'text analysis and levels';
  if (url.includes('/dist/ingest/')) return 'ingest (reading, parsing, pipeline)';
  if (url.includes('node_modules/')) return 'other libraries';
  if (url.startsWith('node:') || url === '') return 'Node.js internals and natives';
  return 'other lingwire code';
}

/** Milliseconds of self time per group, largest first, from the one profile in `dir`. */
export function timeByGroup(dir: string): Array<[string, number]> {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const groups = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const group = groupOf(node.callFrame);
    groups.set(group, (groups.get(group) ?? 0) + hits * perSample);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}
