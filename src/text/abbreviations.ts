/**
 * Abbreviations that keep their full stop inside the word token, and how each kind behaves at a
 * possible sentence end. Shared by the tokenizer (which decides what a token is) and the sentence
 * splitter (which decides whether a token ending in `.` ends a sentence).
 *
 * The lists are small on purpose: they hold what wire copy actually uses. A word missing here is
 * split as `word` + `.`, which costs at most a wrong sentence break, never a wrong offset.
 */

/**
 * Titles and labels that are always followed by a name or a number, so a full stop after them never
 * ends a sentence (`Mr. Smith`, `St. Louis`, `No. 10`). Keys are written as in text, without the dot.
 */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Messrs',
  'Dr',
  'Prof',
  'St',
  'Ste',
  'Mt',
  'Ft',
  'Gen',
  'Sen',
  'Sens',
  'Rep',
  'Reps',
  'Gov',
  'Lt',
  'Col',
  'Capt',
  'Cmdr',
  'Sgt',
  'Cpl',
  'Adm',
  'Maj',
  'Brig',
  'Rev',
  'Hon',
  'Pres',
  'Supt',
  'Det',
  'Insp',
  'Atty',
  'Amb',
  'Fr',
  'Sec',
  'vs',
  'approx',
  'ca',
  'cf',
  'Vol',
  'Vols',
  'Fig',
  'Figs',
]);

/** Month abbreviations; a full stop after them ends a sentence only if no day number follows. */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
]);

/**
 * Abbreviations that may well end a sentence (`… of Acme Inc. The firm …`): the splitter breaks
 * after them only when a typical sentence opener follows (see `SENTENCE_OPENERS`).
 */
export const TRAILING_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Inc',
  'Corp',
  'Co',
  'Ltd',
  'Plc',
  'Bros',
  'Jr',
  'Sr',
  'etc',
  'Dept',
  'Univ',
  'Assn',
  'Ave',
  'Blvd',
  'Rd',
  'Est',
  'Mon',
  'Tue',
  'Tues',
  'Wed',
  'Thu',
  'Thur',
  'Thurs',
  'Fri',
  'Sat',
  'Sun',
]);

/** Abbreviations that only take the dot before a number (`No. 10`, `Nos. 3-4`, `pp. 12`). */
export const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set(['No', 'no', 'Nos', 'nos', 'pp', 'Pt', 'Art']);

/** Abbreviations written with inner dots that never end a sentence (`e.g.`, `i.e.`). */
export const NON_FINAL_DOTTED: ReadonlySet<string> = new Set(['e.g.', 'i.e.', 'E.g.', 'I.e.', 'viz.', 'cf.']);

/**
 * Capitalised words that typically open an English sentence. After an abbreviation that may or may
 * not end a sentence (`U.S.`, `Inc.`, an initial), a break is made only if one of these follows:
 * `… in the U.S. The talks …` breaks, `U.S. Secretary of State` does not. Lower-case keys.
 */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'he',
  'she',
  'they',
  'we',
  'i',
  'you',
  'his',
  'her',
  'their',
  'our',
  'my',
  'there',
  'here',
  'but',
  'and',
  'or',
  'so',
  'yet',
  'however',
  'meanwhile',
  'also',
  'in',
  'on',
  'at',
  'for',
  'from',
  'with',
  'by',
  'as',
  'after',
  'before',
  'when',
  'while',
  'if',
  'although',
  'though',
  'since',
  'because',
  'during',
  'what',
  'who',
  'which',
  'where',
  'why',
  'how',
  'some',
  'many',
  'most',
  'no',
  'not',
  'all',
  'both',
  'each',
  'other',
  'another',
  'one',
  'two',
  'three',
  'last',
  'earlier',
  'later',
  'still',
  'now',
  'then',
  'today',
  'yesterday',
  'tomorrow',
  'according',
  'under',
  'over',
  'about',
  'despite',
  'asked',
  'such',
]);
