/**
 * What one imported story may hold (`ImportLimits` in `core/config.ts`: 200 KB of text, 1,000
 * paragraphs, 100 characters a word, 1 MB a JSON Lines record, by default). A story over a limit is
 * a bad record, reported as `file:line: …` with the option that raises the limit.
 */
import type { StoryInput } from '../../articles/model.js';
import type { ImportLimits } from '../../core/config.js';

const number = (n: number) => n.toLocaleString('en-US');

/** Why `story` is over a limit, or null when it is within them all. */
export function storyOverLimit(
  story: Pick<StoryInput, 'title' | 'paragraphs'>,
  limits: ImportLimits,
): string | null {
  if (story.paragraphs.length > limits.paragraphs) {
    return `the story has ${number(story.paragraphs.length)} paragraphs; the limit is ${number(limits.paragraphs)} (--max-paragraphs)`;
  }
  let bytes = Buffer.byteLength(story.title);
  for (const p of story.paragraphs) bytes += Buffer.byteLength(p);
  if (bytes > limits.storyBytes) {
    return `the story's text is ${number(bytes)} bytes; the limit is ${number(limits.storyBytes)} (--max-story-bytes)`;
  }
  for (const text of [story.title, ...story.paragraphs]) {
    const word = longWord(text, limits.wordChars);
    if (word) {
      return `a word of ${number([...word].length)} characters ("${[...word].slice(0, 30).join('')}…"); the limit is ${number(limits.wordChars)} (--max-word-chars)`;
    }
  }
  return null;
}

/** The first run of non-space characters longer than `max` code points in `text`, or null. */
function longWord(text: string, max: number): string | null {
  if (text.length <= max) return null;
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0];
    // .length counts UTF-16 units: a word short in units is short in code points too.
    if (word.length > max && [...word].length > max) return word;
  }
  return null;
}
