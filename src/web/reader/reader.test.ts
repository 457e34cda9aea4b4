import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices, plainStory } from '../../../test/services.js';
import { openDictionary } from '../../dictionary/index.js';
import { buildApp } from '../app.js';

let app: FastifyInstance;

beforeAll(async () => {
  const services = memoryServices({ dictionary: openDictionary() });
  app = await buildApp({ services });
  await services.pipeline.saveStories([
    plainStory('Envoys discuss a cease-fire', [
      'Two envoys discussed the cessation of hostilities on Sunday. Their efforts paid off.',
      'Minister Lavrov said the talks went well.',
    ]),
    plainStory('Council backs cycle lanes', [
      'The city council voted on Tuesday to build twelve kilometres of new cycle lanes across the centre of the city, after two years of public meetings and a long argument about parking.',
      'Supporters say the lanes will make streets safer for children who ride to school. Several shop owners had warned that losing parking spaces would drive customers away.',
    ]),
  ]);
});
afterAll(async () => {
  await app.close();
});

describe('the story page with a dictionary', () => {
  it('marks up every word with its entry and band, and every sentence with an id', async () => {
    const html = (await app.inject('/stories/envoys-discuss-a-cease-fire')).body;
    expect(html).toContain(
      '<span class="w" tabindex="-1" data-k="discuss" data-r="1" data-p="VERB">discussed</span>',
    );
    expect(html).toContain(
      '<span class="w" tabindex="-1" data-k="hostilities" data-r="7" data-ph="cessation of hostilities" data-p="NOUN">hostilities</span>',
    );
    // A noun whose plural has a sense of its own opens that sense (战争行动), not `hostility` 敌意.
    // Function words carry no part of speech: the popup has nothing to order for them.
    expect(html).toMatch(/<span class="w" tabindex="-1" data-k="the" data-r="1">the<\/span>/);
    expect(html).toMatch(/<span class="w pn" tabindex="-1"[^>]*>Lavrov<\/span>/);
    expect(html).toMatch(/data-ph="pay off" data-p="VERB">paid<\/span>/);
    // Three sentences across two paragraphs, numbered through the story.
    expect(html.match(/<span class="s" id="s\d">/g)).toEqual([
      '<span class="s" id="s0">',
      '<span class="s" id="s1">',
      '<span class="s" id="s2">',
    ]);
    expect(html).toContain('<script src="/assets/reader.js?v=');
  });

  it('shows the level worked out when the story was stored, on the page and in lists', async () => {
    const html = (await app.inject('/stories/council-backs-cycle-lanes')).body;
    expect(html).toMatch(
      /<p class="level-line"><span class="level-badge level-([ABC][12])" title="难度 \d\.\d \/ 6">\1<\/span> 难度/,
    );
    const home = (await app.inject('/')).body;
    const item = (slug: string) => home.slice(home.indexOf(`/stories/${slug}`)).split('</li>')[0] as string;
    expect(item('council-backs-cycle-lanes')).toMatch(/<span class="level-badge level-[ABC][12]"/);
    // Three sentences but 24 running words: too short to rate, on the page and in the list.
    expect(item('envoys-discuss-a-cease-fire')).toContain(
      '<span class="level-badge level-unrated">太短，无法评级</span>',
    );
    const short = (await app.inject('/stories/envoys-discuss-a-cease-fire')).body;
    expect(short).toMatch(
      /<p class="level-line"><span class="level-badge level-unrated">太短，无法评级<\/span> · \d+ 词/,
    );
    // The level line (not the legend, which shows every band) names no band and no score.
    const levelLine = short.slice(short.indexOf('<p class="level-line">')).split('</p>')[0] as string;
    expect(levelLine).not.toMatch(/level-[ABC][12]|难度 \d/);
  });

  it('lists the vocabulary beyond 中考/高考 once each, in order, linked to its sentence', async () => {
    const html = (await app.inject('/stories/envoys-discuss-a-cease-fire')).body;
    const words = [
      ...html.matchAll(
        /<a href="#(s\d)" class="vocab-word" lang="en" data-k="([^"]+)"(?: data-p="[A-Z]+")?>/g,
      ),
    ].map((m) => `${m[2]}@${m[1]}`);
    expect(words).toContain('cessation@s0');
    expect(words).toContain('hostilities@s0');
    expect(html).toContain(
      'data-k="hostilities" data-p="NOUN">hostilities</a> <span class="phonetic">/hɒs\'tiliti/</span> <span class="meaning">n. 战争行动, 战争</span>',
    );
    expect(words.filter((w) => w.startsWith('cessation@'))).toHaveLength(1);
    expect(words.some((w) => w.startsWith('lavrov'))).toBe(false);
    expect(words.indexOf('cessation@s0')).toBeLessThan(words.indexOf('hostilities@s0'));
  });
});

describe('GET /api/lookup', () => {
  it.each([
    ['Discussed', 'discuss', '讨论'],
    ['hostilities', 'hostility', '敌意'],
    ['cessation', 'cessation', '停止'],
    ['besieged', 'besiege', '围攻'],
  ])('%s → %s (%s)', async (word, lemma, meaning) => {
    const res = await app.inject(`/api/lookup?word=${word}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const entry = res.json();
    expect(entry.lemma).toBe(lemma);
    expect(entry.translations.map((t: { text: string }) => t.text).join(' ')).toContain(meaning);
  });

  it('puts the meanings of the part of speech asked for first, and refuses a tag it does not know', async () => {
    const first = async (query: string) => (await app.inject(`/api/lookup?${query}`)).json().translations[0];
    expect(await first('word=implemented')).toMatchObject({ pos: 'n.' });
    expect(await first('word=implemented&pos=VERB')).toMatchObject({
      pos: 'vt.',
      text: expect.stringMatching(/^实现/),
    });
    expect((await app.inject('/api/lookup?word=meeting&pos=NOUN')).json().lemma).toBe('meeting');
    const bad = await app.inject('/api/lookup?word=implemented&pos=verb');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Universal POS tag');
  });

  it('gives exam names a learner reads', async () => {
    expect((await app.inject('/api/lookup?word=hostility')).json().examNames).toEqual(['托福', 'GRE']);
  });

  it('answers 404 for a word it does not know and 400 for no word', async () => {
    const missing = await app.inject('/api/lookup?word=qwzxv');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('WORD_NOT_FOUND');
    expect((await app.inject('/api/lookup')).statusCode).toBe(400);
  });

  it("answers words that are also JavaScript's own names (constructor was a 500)", async () => {
    const answer = await app.inject('/api/lookup?word=constructor');
    expect(answer.statusCode).toBe(200);
    expect(answer.json().lemma).toBe('constructor');
    for (const word of ['toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect((await app.inject(`/api/lookup?word=${word}`)).statusCode).toBeLessThan(500);
  });
});
