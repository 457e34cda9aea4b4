import type { StorySummary } from '../../articles/model.js';
import { storyPath } from '../paths.js';
import { DateOf } from './dates.js';
import { LevelBadge } from './level-badge.js';

/** Story entries for the home and section pages: title, date, lead. */
export function StoryList({ stories }: { stories: StorySummary[] }) {
  return (
    <ol class="story-list">
      {stories.map((story) => (
        <li>
          <a class="story-link" href={storyPath(story.slug)} lang="en">
            {story.title}
          </a>
          <p class="story-meta">
            <LevelBadge band={story.levelBand} score={story.levelScore} unrated={story.levelUnrated} />{' '}
            <DateOf story={story} />
          </p>
          {story.lead && (
            <p class="lead" lang="en">
              {story.lead}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
