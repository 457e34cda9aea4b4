/**
 * The learner's pages: 复习 (reviews). The HTML is the same for everyone and cached; the learner's
 * cards arrive as JSON (`client/review.js`), so nothing personal is ever in a cached page.
 */
import { loginPath, reviewPath } from '../paths.js';
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
