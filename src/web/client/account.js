// @ts-check
/**
 * The header's account links on every page. Pages are cached and the same for everyone, so the
 * header is rendered with 登录 / 注册 links; for a logged-in learner this script asks
 * `GET /api/auth/session` and shows their email, the reviews due now (`GET /api/me/reviews/due`)
 * and 退出 instead. The session answer is shared with the other scripts as
 * `window.lingwireSession` (a promise of `{ user, csrfToken }`), and `refreshDue()` on the
 * `lingwire:due-changed` event keeps the count current after a review or a new 生词本 entry.
 */

/**
 * @typedef {object} SessionInfo
 * @property {{ id: number, email: string, role: string } | null} user
 * @property {string | null} csrfToken
 */

(() => {
  /** @type {Promise<SessionInfo>} */
  const session = fetch('/api/auth/session', { credentials: 'same-origin' })
    .then((r) => (r.ok ? /** @type {Promise<SessionInfo>} */ (r.json()) : { user: null, csrfToken: null }))
    .catch(() => ({ user: null, csrfToken: null }));
  /** @type {any} */ (window).lingwireSession = session;

  const nav = document.querySelector('[data-account]');
  if (!(nav instanceof HTMLElement)) return;

  /**
   * @param {string} href
   * @param {string} text
   * @param {string} [className]
   */
  function link(href, text, className) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    return a;
  }

  const due = document.createElement('span');
  due.className = 'due-count';

  async function refreshDue() {
    const r = await fetch('/api/me/reviews/due?limit=0', { credentials: 'same-origin' });
    if (!r.ok) return;
    const body = /** @type {{ due: number }} */ (await r.json());
    due.textContent = String(body.due);
    due.dataset.due = String(body.due);
  }

  void session.then(({ user }) => {
    if (!user || !(nav instanceof HTMLElement)) return;
    const review = link('/review', '复习 ', 'review-link');
    review.append(due);
    review.setAttribute('aria-label', '复习 Reviews due');
    const me = link('/me', user.email, 'me-link');
    me.setAttribute('lang', 'en');
    nav.replaceChildren(me, ' ', link('/for-me', '为我推荐'), ' ', review, ' ', link('/logout', '退出'));
    nav.dataset.user = user.email;
    void refreshDue();
    document.addEventListener('lingwire:due-changed', () => void refreshDue());
  });
})();
