/** The 为我推荐 page: a range form and an empty list that `client/for-me.js` fills from JSON. */
import { forMePath, loginPath } from '../paths.js';
import { Layout, type SiteChrome } from './layout.js';

export function ForMePageView({ chrome, script }: { chrome: SiteChrome; script: string }) {
  return (
    <Layout
      chrome={chrome}
      title="为我推荐 Stories for me"
      description="按你认识的词推荐文章"
      path={forMePath()}
    >
      <section class="for-me" aria-labelledby="for-me-heading">
        <h1 id="for-me-heading">为我推荐 Stories for me</h1>
        <form class="for-me-range" data-for-me-form>
          <label>
            认识的词占 最少 <input type="number" name="min" min="0" max="100" step="1" value="90" /> %
          </label>{' '}
          <label>
            最多 <input type="number" name="max" min="0" max="100" step="1" value="98" /> %
          </label>{' '}
          <button type="submit">更新 Update</button>
        </form>
        <p class="for-me-status" role="status" data-for-me-status>
          <a href={`${loginPath()}?next=${encodeURIComponent(forMePath())}`}>登录</a>
          后按你认识的词推荐文章。 Log in for stories pitched at the words you know.
        </p>
        <ol class="story-list for-me-list" data-for-me-list />
      </section>
      <script src={script} defer />
    </Layout>
  );
}
