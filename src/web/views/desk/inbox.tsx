/** 待分类 (unsorted): stories the classifier was unsure of, each with its guesses and one-click filing. */
import type { InboxPage } from '../../../desk/index.js';
import { deskActionPath, deskPath, storyPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';

const percent = (p: number) => `${Math.round(p * 100)}%`;

export interface InboxViewProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  page: InboxPage;
  /** The section a story was just filed into (post/redirect/get), to say so. */
  filedInto?: string;
}

export function InboxView({ chrome, viewer, page, filedInto }: InboxViewProps) {
  return (
    <DeskLayout chrome={chrome} viewer={viewer} title="待分类 Unsorted" path={deskPath('inbox')} area="inbox">
      <h1>
        待分类 <span lang="en">Unsorted</span>
      </h1>
      <p>
        分类器拿不准的文章（{page.total} 篇）。归入栏目后，它会成为分类器下次训练的样本。{' '}
        <span lang="en">
          Stories the classifier was unsure of ({page.total}). Filing one makes it training data for the
          classifier's next retrain.
        </span>
      </p>
      {filedInto && (
        <p class="desk-done" role="status">
          已归入 {filedInto}。 <span lang="en">Filed into {filedInto}.</span>
        </p>
      )}
      {page.stories.length === 0 && <p class="desk-empty">没有待分类的文章。 Nothing to sort.</p>}
      <ol class="desk-inbox">
        {page.stories.map((story) => {
          const guessed = new Set(story.guesses.map((g) => g.section.slug));
          return (
            <li class="desk-inbox-story" data-story={story.id}>
              <h2>
                <a href={storyPath(story.slug)}>{story.title}</a>
              </h2>
              <p>{story.firstParagraph}</p>
              {story.filing?.confidence != null && (
                <p class="desk-note">
                  分类器最有把握的只有 {percent(story.filing.confidence)}。{' '}
                  <span lang="en">The classifier's best guess had {percent(story.filing.confidence)}.</span>
                </p>
              )}
              <div class="desk-guesses">
                {story.guesses.map((guess) => (
                  <form method="post" action={deskActionPath('inbox', story.id, 'file')}>
                    <CsrfField viewer={viewer} />
                    <input type="hidden" name="section" value={guess.section.slug} />
                    <button type="submit" class="desk-guess">
                      归入 {guess.section.nameZh} <span lang="en">{guess.section.nameEn}</span> (
                      {percent(guess.confidence)})
                    </button>
                  </form>
                ))}
                <form method="post" action={deskActionPath('inbox', story.id, 'file')}>
                  <CsrfField viewer={viewer} />
                  <label>
                    其他栏目 <span lang="en">Other section</span>{' '}
                    <select name="section">
                      {page.sections
                        .filter((s) => !guessed.has(s.slug))
                        .map((s) => (
                          <option value={s.slug}>
                            {s.nameZh} {s.nameEn}
                          </option>
                        ))}
                    </select>
                  </label>{' '}
                  <button type="submit">归入 File</button>
                </form>
              </div>
            </li>
          );
        })}
      </ol>
    </DeskLayout>
  );
}
