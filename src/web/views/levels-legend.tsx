/**
 * What the levels mean for a Chinese learner: the story's CEFR-like band (A1–C2), its 难度 score,
 * and the exam bands words are marked and listed by. A closed `<details>` under the level line of
 * a story page, open on `/about`.
 */
import { CEFR_BANDS } from '../../text/level.js';

const BANDS: Readonly<Record<(typeof CEFR_BANDS)[number], string>> = {
  A1: '入门：初中英语，中考以下',
  A2: '基础：初中到高一，中考水平',
  B1: '中级：高中英语，高考、四级',
  B2: '中高级：四级到六级，考研英语',
  C1: '高级：六级以上，雅思 6.5–7、托福 95 分左右',
  C2: '精通：GRE、英语专业八级，接近母语读者',
};

export function LevelsLegend({ open = false }: { open?: boolean }) {
  return (
    <details class="levels-legend" open={open}>
      <summary>
        级别说明{' '}
        <span class="name-en" lang="en">
          What the levels mean
        </span>
      </summary>
      <p>
        <strong>A1–C2</strong> 是欧洲语言共同参考框架（CEFR）的六个级别。lingwire
        按文章的词汇和句子估计它的级别，大致对应中国的英语考试：
      </p>
      <dl class="levels-bands">
        {CEFR_BANDS.map((band) => (
          <div>
            <dt>
              <span class={`level-badge level-${band}`}>{band}</span>
            </dt>
            <dd>{BANDS[band]}</dd>
          </div>
        ))}
      </dl>
      <p>例如一篇 B2 的文章，适合准备六级或考研的读者；过了四级的读者读 B1 的文章会比较轻松。</p>
      <p>
        <strong>难度</strong> 是同一个估计的分数，从 0 到 6，越大越难：每一分是一个级别（0–1 是 A1，3–4 是
        B2，5 以上是 C2）。
      </p>
      <p>
        <strong>考试词汇</strong>
        ：每个词按它最早出现的考试词表标出：中考、高考、四级、六级、考研、雅思、托福、GRE；不在任何词表里、也不常用的词是超纲词。“四级以上”包括四级词本身。人名、地名等名字不算生词。
      </p>
    </details>
  );
}
