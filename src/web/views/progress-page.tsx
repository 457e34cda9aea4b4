/** 学习进度 Progress: the learner's own charts, rendered per request (never cached). */
import type { Progress } from '../../learner/progress.js';
import { forMePath, mePath, progressPath, reviewPath } from '../paths.js';
import { Layout, type SiteChrome } from './layout.js';
import { BarChart, LineChart } from './progress-charts.js';

export function ProgressPageView({ chrome, progress }: { chrome: SiteChrome; progress: Progress }) {
  const known = progress.knownOverTime.at(-1)?.known ?? 0;
  const reviews = progress.reviewsPerDay.reduce((n, d) => n + d.count, 0);
  const stories = progress.storiesPerWeek.reduce((n, w) => n + w.count, 0);
  return (
    <Layout
      chrome={chrome}
      title="学习进度 Progress"
      description="我认识的词、复习和读完的文章"
      path={progressPath()}
    >
      <section class="progress" aria-labelledby="progress-heading">
        <h1 id="progress-heading">学习进度 Progress</h1>
        <p>
          <a href={mePath()}>我的 My account</a> · <a href={reviewPath()}>复习 Review</a> ·{' '}
          <a href={forMePath()}>为我推荐 Stories for me</a>
        </p>
        <h2>认识的词 Words known</h2>
        <LineChart
          id="chart-known"
          title="认识的词 Words known over time"
          description={`You know ${known} words today (${progress.today}); the line shows the total at the end of each day it changed.`}
          points={progress.knownOverTime.map((p) => ({ label: p.day, value: p.known }))}
          labelHeading="日期 Day"
          valueHeading="认识的词 Known"
        />
        <h2>每天复习 Reviews per day</h2>
        <BarChart
          id="chart-reviews"
          title="每天复习 Reviews per day, last 30 days"
          description={`${reviews} reviews in the last ${progress.reviewsPerDay.length} days, one bar a day.`}
          points={progress.reviewsPerDay.map((d) => ({ label: d.day, value: d.count }))}
          labelHeading="日期 Day"
          valueHeading="复习 Reviews"
        />
        <h2>每周读完的文章 Stories finished per week</h2>
        <BarChart
          id="chart-stories"
          title="每周读完 Stories finished per week, last 12 weeks"
          description={`${stories} stories finished in the last ${progress.storiesPerWeek.length} weeks, one bar a week (from its Monday).`}
          points={progress.storiesPerWeek.map((w) => ({ label: w.week, value: w.count }))}
          labelHeading="周一 Week of"
          valueHeading="读完 Finished"
        />
      </section>
    </Layout>
  );
}
