/** How `list` and `show` tell an editor who chose a story's section. */
import type { SectionFiling } from '../../articles/model.js';

/** After the section name in `list`: ` [classifier 0.93]`, ` [feed]`, ` [editor]`, or nothing. */
export function filingMark(filing: SectionFiling | null): string {
  if (!filing) return '';
  return filing.confidence === null
    ? ` [${filing.source}]`
    : ` [${filing.source} ${filing.confidence.toFixed(2)}]`;
}

/** `show`'s line: "section 国际英语新闻, chosen by the classifier (confidence 0.93)". */
export function filingLine(sectionName: string, filing: SectionFiling | null): string {
  if (!filing) return `section ${sectionName} (the default: nobody chose one)`;
  const by = { editor: 'an editor (the import named it)', feed: 'the feed', classifier: 'the classifier' }[
    filing.source
  ];
  const confidence = filing.confidence === null ? '' : ` (confidence ${filing.confidence.toFixed(2)})`;
  return `section ${sectionName}, chosen by ${by}${confidence}`;
}
