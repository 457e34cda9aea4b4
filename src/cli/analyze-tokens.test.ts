/**
 * `lingwire analyze FILE.jsonl --json --tokens`: every word of each record's body as written —
 * dateline, doubled spaces, curly quotes and characters outside the BMP included — with UTF-16
 * offsets into that body (an array body: its items joined by `\n`), its lemma and its part of speech.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from './main.js';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'pos-offsets.jsonl');

interface TokenJson {
  text: string;
  start: number;
  end: number;
  lemma: string | null;
  pos: string | null;
}

async function analyse(): Promise<{ id: string; tokens: TokenJson[] }[]> {
  const out: string[] = [];
  const code = await runCli(
    ['--db', ':memory:', 'analyze', FIXTURE, '--json', '--tokens'],
    { out: (l) => out.push(l), err: () => {} },
    {},
  );
  expect(code).toBe(0);
  return out.map((line) => JSON.parse(line));
}

const bodies = readFileSync(FIXTURE, 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const body = (JSON.parse(line) as { body: string | string[] }).body;
    return Array.isArray(body) ? body.join('\n') : body;
  });

describe('analyze --json --tokens', () => {
  it("gives offsets into each record's body exactly as written, dateline included", async () => {
    const records = await analyse();
    expect(records.map((r) => r.id)).toEqual(['t-1', 't-2', 't-3']);
    records.forEach((record, i) => {
      const body = bodies[i] as string;
      for (const token of record.tokens) expect(body.slice(token.start, token.end)).toBe(token.text);
      // Offsets only grow, and every letter run of the body is covered by some word.
      const starts = record.tokens.map((t) => t.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });
    const first = records[0]!;
    const second = records[1]!;
    expect(first.tokens.slice(0, 3).map((t) => t.text)).toEqual(['MOSCOW', 'Feb.', 'Xinhua']);
    // After the emoji (two UTF-16 units) the offsets still match.
    const quickly = first.tokens.find((t) => t.text === 'quickly')!;
    expect(bodies[0]!.slice(quickly.start, quickly.end)).toBe('quickly');
    expect(second.tokens.find((t) => t.text === 'online')!.start).toBe(bodies[1]!.indexOf('online'));
  });

  it('gives each word its part of speech and the lemma that goes with it', async () => {
    const records = await analyse();
    const first = records[0]!;
    const second = records[1]!;
    const word = (tokens: TokenJson[], text: string) => tokens.find((t) => t.text === text)!;
    expect(word(first.tokens, 'implemented')).toMatchObject({ lemma: 'implement', pos: 'VERB' });
    expect(word(first.tokens, 'found')).toMatchObject({ lemma: 'find', pos: 'VERB' });
    expect(word(first.tokens, 'Russia')).toMatchObject({ pos: 'PROPN' });
    expect(word(first.tokens, '’s')).toMatchObject({ lemma: "'s", pos: 'PART' });
    expect(word(second.tokens, 'meeting')).toMatchObject({ lemma: 'meeting', pos: 'NOUN' });
    expect(word(second.tokens, 'found')).toMatchObject({ lemma: 'found', pos: 'VERB' });
    for (const token of [...first.tokens, ...second.tokens]) expect(token.pos).toMatch(/^[A-Z]+$/);
  });

  it('lists a contraction and a hyphenated compound as the words the tagger read, each with its tag', async () => {
    const third = (await analyse())[2]!;
    const body = bodies[2] as string;
    const rows = third.tokens.map((t) => `${t.text}/${t.lemma}/${t.pos}`);
    // "It’s" is "it is": the verb is not lost in a pronoun's tag.
    expect(rows.slice(0, 2)).toEqual(['It/it/PRON', '’s/be/AUX']);
    expect(rows).toContain("n't/not/PART");
    expect(third.tokens.find((t) => t.text === 'do')).toMatchObject({ lemma: 'do', pos: 'AUX' });
    expect(third.tokens.find((t) => t.text === "'ll")).toMatchObject({ lemma: 'will' });
    // Compounds are their parts (the hyphen is not a word); offsets still point into the body.
    expect(third.tokens.map((t) => t.text)).toEqual(
      expect.arrayContaining(['well', 'known', 'state', 'owned']),
    );
    expect(third.tokens.find((t) => t.text === 'known')).toMatchObject({ pos: 'VERB', lemma: 'know' });
    expect(third.tokens.some((t) => t.text.includes('-'))).toBe(false);
    for (const t of third.tokens) expect(body.slice(t.start, t.end)).toBe(t.text);
  });
});
