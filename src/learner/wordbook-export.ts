/**
 * The 生词本 as files: a tab-separated file Anki imports (word, phonetic, meaning, the sentence
 * with the word in bold, source title, source URL; no header, one note per line) and a CSV with a
 * header row (RFC 4180 quoting). Pure: the caller gathers the rows.
 */

/** One exported entry. */
export interface ExportRow {
  word: string;
  phonetic: string;
  meaning: string;
  sentence: string;
  title: string;
  url: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The sentence as HTML with the first occurrence of the word in bold (Anki fields are HTML). */
export function markedSentence(sentence: string, word: string): string {
  const at = sentence.toLowerCase().indexOf(word.toLowerCase());
  if (at < 0) return escapeHtml(sentence);
  return `${escapeHtml(sentence.slice(0, at))}<b>${escapeHtml(sentence.slice(at, at + word.length))}</b>${escapeHtml(sentence.slice(at + word.length))}`;
}

/** Tabs and line breaks would split Anki's fields and notes: they become spaces. */
const field = (text: string) => text.replace(/[\t\r\n]+/g, ' ');

export function ankiTsv(rows: readonly ExportRow[]): string {
  const lines = ['#separator:tab', '#html:true', '#columns:Word\tPhonetic\tMeaning\tSentence\tSource\tURL'];
  for (const r of rows) {
    lines.push(
      [
        r.word,
        r.phonetic ? `/${r.phonetic}/` : '',
        r.meaning,
        markedSentence(r.sentence, r.word),
        r.title,
        r.url,
      ]
        .map(field)
        .join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function wordbookCsv(rows: readonly ExportRow[]): string {
  const lines = ['word,phonetic,meaning,sentence,source,url'];
  for (const r of rows)
    lines.push([r.word, r.phonetic, r.meaning, r.sentence, r.title, r.url].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
