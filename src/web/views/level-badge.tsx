import type { StoryLevel } from '../../articles/model.js';
import { type Band, bandLevel } from '../../text/bands.js';

/** A story's CEFR-like band as a small badge; its score in the tooltip. */
export function LevelBadge({ band, score }: { band: string | null; score: number | null }) {
  if (!band) return null;
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

/** The level line on a story page: band, score and what is behind it. */
export function LevelLine({ level }: { level: StoryLevel }) {
  return (
    <p class="level-line">
      <LevelBadge band={level.band} score={level.score} /> 难度 {level.score.toFixed(1)} ·{' '}
      {level.runningWords} 词 · 四级以上词 {percent(shareBeyond(level, 3))} · 超纲词 {percent(level.offList)}{' '}
      · <span lang="en">Flesch–Kincaid {level.fleschKincaid.toFixed(1)}</span>
    </p>
  );
}
