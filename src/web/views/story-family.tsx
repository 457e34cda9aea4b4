import type { StoryPage } from '../../articles/reading.js';
import { storyPath } from '../paths.js';
import { LINK_REL, webUrl } from './story-credit.js';

/** "本文其他难度: 初级 · 中级 · 高级": the versions of the story's family, the current one not linked. */
export function FamilyLinks({ family }: { family: StoryPage['family'] }) {
  if (family.length === 0) return null;
  return (
    <nav class="family" aria-label="本文其他难度">
      本文其他难度:{' '}
      {family.map((version, i) => (
        <>
          {i > 0 && ' · '}
          {version.current ? (
            <strong aria-current="page" title={version.level ?? undefined}>
              {version.label}
            </strong>
          ) : (
            <a href={storyPath(version.slug)} title={version.level ?? undefined}>
              {version.label}
            </a>
          )}
        </>
      ))}
    </nav>
  );
}

/** "同一报道另见: bay-news · …": where else the story was published (its copies). */
export function CopiesCredit({ copies }: { copies: StoryPage['copies'] }) {
  if (copies.length === 0) return null;
  return (
    <p class="credit-copies">
      同一报道另见 Also published by:{' '}
      {copies.map((copy, i) => {
        const url = webUrl(copy.url);
        const name = copy.source || (url ? new URL(url).hostname : '');
        return (
          <>
            {i > 0 && ' · '}
            {url ? (
              <a href={url} rel={LINK_REL} lang="en">
                {name || url}
              </a>
            ) : (
              <span lang="en">{name || '—'}</span>
            )}
          </>
        );
      })}
    </p>
  );
}
