/**
 * The story body with reader markup as bytes, byte for byte what `StoryText` renders
 * (`story-html.test.tsx` holds them equal), built without a virtual DOM, one paragraph at a time
 * into a growing buffer, yielding to the event loop whenever a slice of work has run about
 * `sliceMs`. The largest story allowed (200 KB of text, 1,000 paragraphs: about 36,000 word
 * spans, 2.5 MB of HTML) then never holds up other requests such as `/healthz` (issue #16), and
 * leaves few objects for the garbage collector: each paragraph's words die young, and the HTML
 * lives outside the JavaScript heap. A short story finishes in one slice, without yielding.
 */
import type { ReaderParagraph, ReaderWord } from '../../articles/story-analysis.js';
import type { NameKind } from '../../text/names.js';
import { contentPos } from './story-text.js';

/** How long one slice of work may hold the event loop, ms. */
export const RENDER_SLICE_MS = 8;

/**
 * What the story page renders in place of the body when the body is made here: raw HTML that
 * escaped text cannot contain (`<` is always escaped), replaced by the bytes afterwards.
 */
export const STORY_BODY_MARKER = '<!--lingwire:story-body-->';

/** Escapes like preact-render-to-string: `"`, `&` and `<`, in text and attribute values alike. */
export function escapeHtml(text: string): string {
  if (!/["&<]/.test(text)) return text;
  return text.replace(/["&<]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : '&lt;'));
}

/** ` name="value"`, or ` name` for an empty value, as preact writes it. */
function attribute(name: string, value: string): string {
  return value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
}

/** Resolves on the event loop's next turn, after pending I/O callbacks (`setImmediate`). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Calls `step` until it returns false, yielding to the event loop whenever a slice has run for
 * `sliceMs`. Each step should be small (a paragraph, a few hundred words).
 */
export async function runSliced(step: () => boolean, sliceMs = RENDER_SLICE_MS): Promise<void> {
  let sliceStart = performance.now();
  while (step()) {
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** UTF-8 bytes appended to a buffer that doubles when full. */
class ByteWriter {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  write(text: string): void {
    const most = text.length * 3;
    if (this.length + most > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + most));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** A copy the size of what was written. */
  bytes(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

/** One paragraph's `<p>…</p>`; `state.firstWord` is true until the story's first word is out. */
export function paragraphHtml(
  { text, sentences }: ReaderParagraph,
  state: { firstWord: boolean },
  names?: ReadonlyMap<ReaderWord, NameKind>,
): string {
  let html = '<p>';
  let covered = 0;
  for (const sentence of sentences) {
    if (sentence.start > covered) html += escapeHtml(text.slice(covered, sentence.start));
    html += `<span class="s" id="s${sentence.index}">`;
    let at = sentence.start;
    for (const word of sentence.words) {
      if (word.start > at) html += escapeHtml(text.slice(at, word.start));
      html += `<span class="${word.properNoun ? 'w pn' : 'w'}" tabindex="${state.firstWord ? 0 : -1}"`;
      if (word.entryKey !== null) html += attribute('data-k', word.entryKey);
      if (word.level > 0 && !word.properNoun) html += ` data-r="${word.level}"`;
      if (word.phrase !== null) html += attribute('data-ph', word.phrase);
      const pos = contentPos(word.pos);
      if (pos) html += ` data-p="${pos}"`;
      const kind = names?.get(word);
      if (kind) html += ` data-n="${kind}"`;
      html += `>${escapeHtml(text.slice(word.start, word.end))}</span>`;
      state.firstWord = false;
      at = word.end;
    }
    if (sentence.end > at) html += escapeHtml(text.slice(at, sentence.end));
    html += '</span>';
    covered = sentence.end;
  }
  if (covered < text.length) html += escapeHtml(text.slice(covered));
  return `${html}</p>`;
}

/** The inner HTML of `<div class="story-body reader" …>` as UTF-8: one `<p>` per paragraph. */
export async function storyBodyBytes(
  paragraphs: Iterable<ReaderParagraph>,
  names?: ReadonlyMap<ReaderWord, NameKind>,
  sliceMs = RENDER_SLICE_MS,
): Promise<Buffer> {
  const out = new ByteWriter();
  const state = { firstWord: true };
  const each = paragraphs[Symbol.iterator]();
  await runSliced(() => {
    const next = each.next();
    if (next.done) return false;
    out.write(paragraphHtml(next.value, state, names));
    return true;
  }, sliceMs);
  return out.bytes();
}
