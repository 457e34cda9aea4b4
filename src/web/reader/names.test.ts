/**
 * Names on the story page: every name is marked as one with its kind (`data-n`), whatever the
 * dictionary knows of it, and never enters the vocabulary list or the exam marking.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices, plainStory } from '../../../test/services.js';
import { openDictionary } from '../../dictionary/index.js';
import { buildApp } from '../app.js';

let app: FastifyInstance;
let html: string;

beforeAll(async () => {
  const services = memoryServices({ dictionary: openDictionary() });
  app = await buildApp({ services });
  await services.pipeline.saveStories([
    plainStory('Ministers meet in Munich', [
      'Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry met in Munich on Sunday.',
      'The talks were held under the UN Security Council, and the ISSG welcomed them, the Xinhua News Agency said.',
      'President Vladimir Putin and his counterpart Barack Obama spoke about Syria.',
      'Afterwards Lavrov and Kerry left.',
    ]),
  ]);
  html = (await app.inject('/stories/ministers-meet-in-munich')).body;
});
afterAll(async () => {
  await app.close();
});

/** `data-n` of each occurrence of `text` on the page, in order. */
function kindsOf(text: string): (string | null)[] {
  const spans = [...html.matchAll(/<span class="w[^"]*"([^>]*)>([^<]*)<\/span>/g)];
  return spans.filter((m) => m[2] === text).map((m) => /data-n="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? null);
}

describe('names on the story page', () => {
  it.each([
    ['Sergei', 'person'],
    ['Lavrov', 'person'],
    ['John', 'person'],
    ['Kerry', 'person'],
    ['Munich', 'place'],
    ['Syria', 'place'],
    ['UN', 'organization'],
    ['ISSG', 'organization'],
    ['Xinhua', 'organization'],
    ['Vladimir', 'person'],
    ['Putin', 'person'],
    ['Barack', 'person'],
    ['Obama', 'person'],
  ])('%s is a %s everywhere it appears', (word, kind) => {
    const kinds = kindsOf(word);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k === kind)).toBe(true);
  });

  it('keeps words that are not names as words, and a nationality adjective as a word', () => {
    expect(kindsOf('Minister')).toEqual([null]);
    expect(kindsOf('Secretary')).toEqual([null]);
    expect(kindsOf('Russian')).toEqual([null]);
    expect(html).toMatch(/data-p="ADJ"[^>]*>Russian</);
  });

  it('never lists or marks a name', () => {
    const vocabulary = html.slice(html.indexOf('class="vocab-list"'));
    for (const name of ['Lavrov', 'Munich', 'Syria', 'ISSG', 'Xinhua']) {
      expect(vocabulary).not.toContain(`>${name}<`);
    }
    const named = [...html.matchAll(/<span class="w[^"]*"[^>]*data-n=[^>]*>/g)];
    expect(named.length).toBeGreaterThan(10);
    for (const [span] of named) expect(span).not.toContain('data-r=');
  });
});

describe('GET /api/lookup for names', () => {
  it('answers a name the dictionary lacks with 200 and what kind of name it is', async () => {
    const res = await app.inject('/api/lookup?word=Lavrov');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ query: 'Lavrov', word: 'Lavrov', name: { kind: 'person', zh: null } });
    expect((await app.inject('/api/lookup?word=ISSG')).json().name).toEqual({
      kind: 'organization',
      zh: null,
    });
  });

  it('gives the Chinese name where ECDICT has it', async () => {
    for (const [word, kind, zh] of [
      ['Syria', 'place', '叙利亚'],
      ['Munich', 'place', '慕尼黑'],
      ['Putin', 'person', '普京'],
      ['Xinhua', 'organization', '新华社'],
    ]) {
      const body = (await app.inject(`/api/lookup?word=${word}`)).json();
      expect(body.name, word).toEqual({ kind, zh });
    }
  });

  it('says an ordinary word is no name, and a name asked for as one is one even when a word is spelled so', async () => {
    expect((await app.inject('/api/lookup?word=discussed')).json().name).toBeNull();
    const kerry = (await app.inject('/api/lookup?word=Kerry&pos=PROPN')).json();
    expect(kerry.name).toEqual({ kind: 'unknown', zh: null });
    expect((await app.inject('/api/lookup?word=qwzxv')).statusCode).toBe(404);
  });

  it('refuses a repeated word with a 400, not a 500', async () => {
    const res = await app.inject('/api/lookup?word=a&word=b');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBeTruthy();
  });
});
