/**
 * The account pages: log in, register, log out. Server-rendered forms that work without
 * JavaScript; each carries a CSRF token in a hidden `_csrf` field, so these pages are rendered per
 * request and never cached.
 */
import { loginPath, logoutPath, registerPath } from '../paths.js';
import { Layout, type SiteChrome } from './layout.js';

interface FormProps {
  chrome: SiteChrome;
  csrf: string;
  /** A message saying what went wrong; null on first showing. */
  error: string | null;
  /** The email typed before, kept after a failure. */
  email: string;
  /** Where to go after (a path on this site). */
  next: string;
}

function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p class="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

function CredentialFields({ email, newPassword }: { email: string; newPassword: boolean }) {
  return (
    <>
      <p>
        <label for="email">邮箱 Email</label>
        <input
          id="email"
          name="email"
          type="email"
          required
          maxLength={254}
          autocomplete="email"
          value={email}
        />
      </p>
      <p>
        <label for="password">密码 Password</label>
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={newPassword ? 8 : undefined}
          maxLength={200}
          autocomplete={newPassword ? 'new-password' : 'current-password'}
        />
        {newPassword && <span class="form-hint">至少 8 个字符 At least 8 characters</span>}
      </p>
    </>
  );
}

export function LoginPageView({ chrome, csrf, error, email, next }: FormProps) {
  return (
    <Layout chrome={chrome} title="登录 Log in" description="登录 lingwire" path={loginPath()}>
      <section class="account-form">
        <h1>登录 Log in</h1>
        <ErrorNote error={error} />
        <form method="post" action={loginPath()}>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <CredentialFields email={email} newPassword={false} />
          <p>
            <button type="submit">登录 Log in</button>
          </p>
        </form>
        <p>
          还没有账号？ <a href={registerPath()}>注册 Register</a>
        </p>
      </section>
    </Layout>
  );
}

export function RegisterPageView({ chrome, csrf, error, email, next }: FormProps) {
  return (
    <Layout chrome={chrome} title="注册 Register" description="注册 lingwire 学习账号" path={registerPath()}>
      <section class="account-form">
        <h1>注册 Register</h1>
        <p>记住你认识的词、生词本和复习计划。 Keep your known words, word book and reviews.</p>
        <ErrorNote error={error} />
        <form method="post" action={registerPath()}>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <CredentialFields email={email} newPassword={true} />
          <p>
            <button type="submit">注册 Register</button>
          </p>
        </form>
        <p>
          已有账号？ <a href={loginPath()}>登录 Log in</a>
        </p>
      </section>
    </Layout>
  );
}

export function LogoutPageView({ chrome, csrf, email }: { chrome: SiteChrome; csrf: string; email: string }) {
  return (
    <Layout chrome={chrome} title="退出 Log out" description="退出 lingwire" path={logoutPath()}>
      <section class="account-form">
        <h1>退出 Log out</h1>
        <p>
          当前账号 Logged in as <strong>{email}</strong>
        </p>
        <form method="post" action={logoutPath()}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>
            <button type="submit">退出 Log out</button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
