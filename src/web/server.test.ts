import { afterEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import { type RunningServer, startServer } from './server.js';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('the site address at start', () => {
  it('without LINGWIRE_PUBLIC_URL, warns and links to the address it listens on', async () => {
    const warnings: string[] = [];
    server = await startServer(
      { ...DEFAULT_CONFIG, port: 0, logLevel: 'silent', publicUrl: null },
      memoryServices(),
      (line) => warnings.push(line),
    );
    expect(warnings).toEqual([expect.stringContaining(`LINGWIRE_PUBLIC_URL is not set`)]);
    expect(warnings[0]).toContain(server.url);
    const robots = await (
      await fetch(`${server.url}/robots.txt`, { headers: { host: 'evil.example' } })
    ).text();
    expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`);
  });

  it('with it, says nothing and uses it', async () => {
    const warnings: string[] = [];
    server = await startServer(
      { ...DEFAULT_CONFIG, port: 0, logLevel: 'silent', publicUrl: 'https://news.example' },
      memoryServices(),
      (line) => warnings.push(line),
    );
    expect(warnings).toEqual([]);
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toContain('Sitemap: https://news.example/sitemap.xml');
  });
});
