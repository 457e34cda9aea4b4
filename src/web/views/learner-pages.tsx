/**
 * The learner's pages: 复习 (reviews). The HTML is the same for everyone and cached; the learner's
 * cards arrive as JSON (`client/review.js`), so nothing personal is ever in a cached page.
 */
import { EXAM_NAMES, EXAM_ORDER } from '../../text/bands.js';
import { forMePath, loginPath, mePath, progressPath, reviewPath } from '../paths.js';
import { Layout, type SiteChrome } from './layout.js';

export function ReviewPageView({ chrome, script }: { chrome: SiteChrome; script: string }) {
  return (
    <Layout chrome={chrome} title="复习生词 Review" description="复习生词本里到期的词" path={reviewPath()}>
      <section class="review" aria-labelledby="review-heading">
        <h1 id="review-heading">复习 Review</h1>
        <p class="review-status" role="status" data-review-status>
          <a href={`${loginPath()}?next=${encodeURIComponent(reviewPath())}`}>登录</a>后复习生词本里到期的词。
          Log in to review the words due in your word book.
        </p>
        <div class="review-card" data-review-card hidden>
          <p class="review-sentence" lang="en" data-review-sentence />
          <p class="review-answer" data-review-answer hidden />
          <p class="review-actions">
            <button type="button" data-review-show>
              显示释义 Show <kbd>Space</kbd>
            </button>
          </p>
          <p class="review-grades" data-review-grades hidden>
            <button type="button" data-rating="again">
              <kbd>1</kbd> 忘了 Again
            </button>
            <button type="button" data-rating="hard">
              <kbd>2</kbd> 模糊 Hard
            </button>
            <button type="button" data-rating="good">
              <kbd>3</kbd> 记得 Good
            </button>
            <button type="button" data-rating="easy">
              <kbd>4</kbd> 简单 Easy
            </button>
          </p>
        </div>
      </section>
      <script src={script} defer />
    </Layout>
  );
}

/** 我的 My account: counts and actions filled in by `client/me.js` from JSON; exports are plain links. */
export function MePageView({ chrome, script }: { chrome: SiteChrome; script: string }) {
  return (
    <Layout chrome={chrome} title="我的 My account" description="我的词、生词本和导出" path={mePath()}>
      <section class="me" aria-labelledby="me-heading">
        <h1 id="me-heading">我的 My account</h1>
        <p class="me-status" role="status" data-me-status>
          <a href={`${loginPath()}?next=${encodeURIComponent(mePath())}`}>登录</a>后查看。 Log in first.
        </p>
        <div data-me-body hidden>
          <p data-me-counts />
          <p>
            <a href={reviewPath()}>复习 Review</a> · <a href={forMePath()}>为我推荐 Stories for me</a> ·{' '}
            <a href={progressPath()}>学习进度 Progress</a>
          </p>
          <h2>为我推荐订阅 My Atom feed</h2>
          <p data-me-feed-state>
            一个只有你知道的网址，阅读器可订阅你的为我推荐。 A secret URL for your feed reader.
          </p>
          <p>
            <output class="me-feed-url" data-me-feed-url hidden />
          </p>
          <p>
            <button type="button" data-me-feed-make>
              生成新网址 Make a new URL
            </button>{' '}
            <button type="button" data-me-feed-revoke>
              停用 Turn off
            </button>
          </p>
          <h2>从考试词表起步 Start from an exam list</h2>
          <p>
            <label>
              把这一级及以下的词标为认识{' '}
              <select data-me-exam>
                {EXAM_ORDER.map((exam) => (
                  <option value={exam}>{EXAM_NAMES[exam] ?? exam}</option>
                ))}
              </select>
            </label>{' '}
            <button type="button" data-me-exam-go>
              标为认识 Mark known
            </button>
          </p>
          <h2>导出 Export</h2>
          <ul>
            <li>
              <a href="/api/me/wordbook/export?format=anki">生词本 → Anki (.txt)</a>
            </li>
            <li>
              <a href="/api/me/wordbook/export?format=csv">生词本 → CSV</a>
            </li>
            <li>
              <a href="/api/me/export">全部数据 All my data (JSON)</a>
            </li>
          </ul>
          <h2>删除账号 Delete my account</h2>
          <p>
            <button type="button" data-me-delete>
              删除账号和全部数据 Delete my account and everything in it
            </button>
          </p>
        </div>
      </section>
      <script src={script} defer />
    </Layout>
  );
}
