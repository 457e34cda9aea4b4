/**
 * lingwire runs on Node 20 (`engines` in package.json names the oldest): every installed package
 * must say it supports that one. A dependency that moves to Node 22 only (as `cookie` 2 did, through @fastify/cookie
 * and Fastify's light-my-request) fails here, so it is pinned (`overrides`) or replaced before it
 * ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './shared-data.js';

/** Every package.json under node_modules (scoped and nested packages too). */
function installedPackages(dir: string, found: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const at = join(dir, name);
    if (name.startsWith('@')) {
      installedPackages(at, found);
      continue;
    }
    found.push(join(at, 'package.json'));
    installedPackages(join(at, 'node_modules'), found);
  }
  return found;
}

describe('dependencies on Node 20', () => {
  it('installs no package whose engines exclude Node 20', () => {
    // The oldest Node lingwire says it runs on (package.json `engines`) is a Node 20.
    const { engines } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const oldest = semver.minVersion(engines.node)!.version;
    expect(semver.major(oldest)).toBe(20);
    const refusing: string[] = [];
    const files = installedPackages(join(REPO_ROOT, 'node_modules'));
    for (const file of files) {
      let pkg: { name?: string; version?: string; engines?: { node?: string } };
      try {
        pkg = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      const range = pkg.engines?.node;
      if (range && semver.validRange(range) && !semver.satisfies(oldest, range))
        refusing.push(`${pkg.name}@${pkg.version} (${range})`);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(refusing).toEqual([]);
  });
});
