/** Longest list lead, in characters. */
export const LEAD_LENGTH = 180;

/** A paragraph cut at a word boundary, for list entries and meta descriptions. */
export function leadOf(paragraph: string, max = LEAD_LENGTH): string {
  if (paragraph.length <= max) return paragraph;
  const cut = paragraph.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
