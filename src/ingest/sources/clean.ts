/**
 * Control characters out of imported text. A title carrying an ANSI escape retitles or clears the
 * terminal of whoever runs `lingwire list`; a NUL ends up inside `<title>`; a bidirectional
 * override makes "txt.exe" read as "exe.txt". Stripped at import, each counted for the summary:
 *
 * - C0 controls (U+0000–U+001F) except tab, line feed and carriage return (a body's line
 *   structure; paragraphs are split on them and they never reach a stored paragraph), DEL
 *   (U+007F) and C1 controls (U+0080–U+009F);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069);
 * - a whole ANSI escape sequence (`ESC [ … final byte`, `ESC ] … BEL`) goes at once, so no `[2J`
 *   is left behind; it counts as one.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without control characters, and how many were removed. */
export function stripControls(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text
    .replace(ANSI_SEQUENCE, () => {
      removed++;
      return '';
    })
    .replace(CONTROL, () => {
      removed++;
      return '';
    });
  return { text: cleaned, removed };
}

/** Every string inside a parsed JSON value, stripped (a new value), and how many characters went. */
export function stripControlsDeep(value: unknown): { value: unknown; removed: number } {
  let removed = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const cleaned = stripControls(v);
      removed += cleaned.removed;
      return cleaned.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return { value: walk(value), removed };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
const SHOWN_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line safe to print on a terminal: every control character (tab and line feed aside) and
 * bidirectional control written as a visible `\u001b` escape. Inside a JSON string that escape is
 * valid JSON with the same value, so `--json` output stays parseable.
 */
export function escapeForTerminal(line: string): string {
  return line.replace(SHOWN_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
