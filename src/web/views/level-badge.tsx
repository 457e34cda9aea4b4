import type { StoryLevel } from '../../articles/model.js';
import { type Band, bandLevel } from '../../text/bands.js';

/** What a story too short to rate shows instead of a band (`text/level.ts#isTooShortToRate`). */
export const TOO_SHORT_TO_RATE = '太短，无法评级';

/**
 * A story's CEFR-like band as a small badge, its score in the tooltip; "太短，无法评级" for a story
 * too short to rate (`unrated`); nothing when no level was worked out.
 */
export function LevelBadge({
  band,
  score,
  unrated = false,
}: {
  band: string | null;
  score: number | null;
  unrated?: boolean;
}) {
  if (!band) {
    return unrated ? <span class="level-badge level-unrated">{TOO_SHORT_TO_RATE}</span> : null;
  }
  return (
    <span
      class={`level-badge level-${band}`}
      title={score === null ? undefined : `难度 ${score.toFixed(1)} / 6`}
    >
      {band}
    </span>
  );
}

/** Share of running words beyond a band level (3 = CET-4). */
export function shareBeyond(level: StoryLevel, bandLevelAbove: number): number {
  let share = 0;
  for (const [band, value] of Object.entries(level.bands)) {
    if (bandLevel(band as Band) > bandLevelAbove) share += value;
  }
  return share;
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

/** The level line on a story page: band, score and what is behind it (no band or score when too short to rate). */
export function LevelLine({ level }: { level: StoryLevel }) {
  return (
    <p class="level-line">
      {level.band === null || level.score === null ? (
        <LevelBadge band={null} score={null} unrated />
      ) : (
        <>
          <LevelBadge band={level.band} score={level.score} /> 难度 {level.score.toFixed(1)}
        </>
      )}{' '}
      · {level.runningWords} 词 · 四级以上词 {percent(shareBeyond(level, 3))} · 超纲词{' '}
      {percent(level.offList)} · <span lang="en">Flesch–Kincaid {level.fleschKincaid.toFixed(1)}</span>
    </p>
  );
}
