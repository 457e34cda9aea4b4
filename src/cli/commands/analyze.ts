import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { StoryInput } from '../../articles/model.js';
import { analyzeStory } from '../../articles/story-level.js';
import { AppError } from '../../core/errors.js';
import { type Dictionary, openDictionary } from '../../dictionary/index.js';
import { loadPosModel } from '../../dictionary/pos-model.js';
import { formatOfPath } from '../../ingest/import.js';
import { readJsonl } from '../../ingest/sources/jsonl.js';
import { readTextStory } from '../../ingest/sources/text.js';
import type { SourceRecord } from '../../ingest/sources/types.js';
import { withServices } from '../../services.js';
import { type AnalyzedToken, analyzeText } from '../../text/analyze.js';
import { type Level, MIN_SENTENCES_TO_RATE, MIN_WORDS_TO_RATE } from '../../text/level.js';
import { wordRows } from '../../text/pos-pieces.js';
import type { CommandEnv } from '../command-env.js';

interface Analysed {
  id: string;
  title: string;
  level: Level;
  /** Tokens whose offsets are into the record's body as written, else into the paragraphs joined by `\n`. */
  tokens: AnalyzedToken[];
}

/**
 * The level from the story's paragraphs (as import computes it); the tokens from `body`, the
 * record's body as written (dateline, spacing and all), when there is one, so that their offsets
 * point into it.
 */
function analyse(
  id: string,
  title: string,
  paragraphs: string[],
  dictionary: Dictionary,
  body?: string,
): Analysed {
  const { analysis, level } = analyzeStory(paragraphs, dictionary);
  const tokens =
    body === undefined
      ? analysis.tokens
      : analyzeText(body, dictionary, { phrases: false, lineBreaks: 'every', posModel: loadPosModel() })
          .tokens;
  return { id, title, level, tokens };
}

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

function summaryJson({ id, title, level }: Analysed) {
  return {
    id,
    title,
    // null and null: too short to rate (text/level.ts#isTooShortToRate).
    score: level.score === null ? null : round(level.score),
    band: level.band,
    profile: {
      runningWords: level.profile.runningWords,
      offList: round(level.profile.offList),
      unknown: round(level.profile.unknown),
      bands: Object.fromEntries(Object.entries(level.profile.bands).map(([b, v]) => [b, round(v)])),
    },
    readability: Object.fromEntries(Object.entries(level.readability).map(([k, v]) => [k, round(v)])),
    features: Object.fromEntries(Object.entries(level.features).map(([k, v]) => [k, round(v)])),
  };
}

/** Every word, a contraction or compound as the pieces the tagger read (`text/pos-pieces.ts#wordRows`). */
function tokenJson(analysed: Analysed, dictionary: Dictionary) {
  return wordRows(analysed.tokens, dictionary);
}

function printHuman(a: Analysed, out: (line: string) => void): void {
  const { level } = a;
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  out(`${a.title}`);
  out(
    level.score === null
      ? `level: too short to rate (太短，无法评级: fewer than ${MIN_SENTENCES_TO_RATE} sentences or ${MIN_WORDS_TO_RATE} running words)`
      : `level ${level.band} (score ${level.score.toFixed(2)} of 0–6)`,
  );
  out(
    `readability: Flesch–Kincaid grade ${level.readability.fleschKincaidGrade.toFixed(1)}, Coleman–Liau ${level.readability.colemanLiauIndex.toFixed(1)}, ` +
      `${level.readability.words} words in ${level.readability.sentences} sentences`,
  );
  out(`vocabulary (${level.profile.runningWords} running words, names and numbers excluded):`);
  for (const [band, share] of Object.entries(level.profile.bands))
    if (share > 0) out(`  ${band.padEnd(7)} ${pct(share)}`);
  out(`  off all lists ${pct(level.profile.offList)}`);
  const f = level.features;
  out('what the level is made of (see src/text/level.ts):');
  out(
    `  harder: hard words used once ${pct(f.onceHardShare)}, sentences ${f.sentenceLength.toFixed(1)} words (rms), ` +
      `-ing/-ed/-ly ${pct(f.suffixShare)}, prepositions ${pct(f.prepositionShare)}, off the Oxford 3000 ${pct(f.nonCoreShare)}, ` +
      `phrases ${pct(f.phraseDensity)}, variety ${f.lexicalVariety.toFixed(2)}`,
  );
  out(
    `  easier: hard words repeated ${pct(f.repeatedHardShare)}, names ${pct(f.nameShare)}, ` +
      `median word rank ${Math.round(Math.exp(f.medianLogRank))}, ${f.wordsPerChunk.toFixed(1)} words between punctuation, brackets ${pct(f.bracketShare)}`,
  );
  out(
    `  parts of speech: nouns ${pct(f.nounShare)}, verbs ${pct(f.verbShare)}, adjectives ${pct(f.adjectiveShare)}, adverbs ${pct(f.adverbShare)}; ` +
      `hard verbs, adjectives and adverbs ${pct(f.hardModifierShare)}`,
  );
  out('tokens (word → lemma [band], * = name):');
  const words = a.tokens.filter((t) => t.kind === 'word');
  const cells = words.map(
    (t) =>
      `${t.text}${t.lemma && t.lemma !== t.text.toLowerCase() ? `→${t.lemma}` : ''}${t.properNoun ? '*' : t.band ? `[${t.band}]` : '[?]'}`,
  );
  for (let i = 0; i < cells.length; i += 8) out(`  ${cells.slice(i, i + 8).join(' ')}`);
}

async function* recordsOf(path: string): AsyncIterable<SourceRecord> {
  const format = formatOfPath(path);
  if (format === 'jsonl') yield* readJsonl(path);
  else if (format === 'text') yield* readTextStory(path);
  else
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `analyze: cannot tell the format of ${path}; use .txt or .jsonl.`,
    );
}

function idOf(story: StoryInput, where: string): string {
  return story.externalId ?? where;
}

export function registerAnalyze(program: Command, env: CommandEnv): void {
  program
    .command('analyze')
    .description('vocabulary profile, readability and level of a stored story or of the stories in a file')
    .argument('<story>', 'a story id or slug, or a .txt / .jsonl file')
    .option(
      '--json',
      'JSON: one line per story (with --tokens, each word with its lemma, part of speech and band)',
    )
    .option(
      '--tokens',
      "with --json, include every word: text, start/end (UTF-16 offsets into the JSON record's body, an array body joined by \\n), lemma, pos (UPOS), band",
    )
    .action(async (ref: string, options: { json?: boolean; tokens?: boolean }) => {
      const dictionary = openDictionary();
      try {
        const emit = (a: Analysed) => {
          if (options.json) {
            env.output.out(
              JSON.stringify(
                options.tokens ? { ...summaryJson(a), tokens: tokenJson(a, dictionary) } : summaryJson(a),
              ),
            );
          } else {
            printHuman(a, env.output.out);
            env.output.out('');
          }
        };
        if (existsSync(ref) && statSync(ref).isFile()) {
          let skipped = 0;
          for await (const record of recordsOf(ref)) {
            if (!record.ok) {
              env.output.err(`skipped ${record.message}`);
              skipped++;
              continue;
            }
            emit(
              analyse(
                idOf(record.story, record.where),
                record.story.title,
                record.story.paragraphs,
                dictionary,
                record.body,
              ),
            );
          }
          if (skipped > 0)
            throw new AppError('INVALID_STORY', `${skipped} record(s) in ${ref} could not be read.`);
          return;
        }
        await withServices(
          env.config(),
          async ({ reading }) => {
            const story = await reading.findStory(ref);
            if (!story)
              throw new AppError('STORY_NOT_FOUND', `there is no story "${ref}" and no file by that name.`);
            emit(analyse(story.externalId || String(story.id), story.title, story.paragraphs, dictionary));
          },
          { mustExist: true },
        );
      } finally {
        dictionary.close();
      }
    });
}
