// @ts-check
/**
 * 我的 page: the learner's word counts (`GET /api/me/words?status=…&limit=1`), starting from an
 * exam list (`POST /api/me/known-from-exam`), and deleting the account (`DELETE /api/me`, after a
 * confirmation). Exports are plain links the cookie authenticates. The personal 为我推荐 feed:
 * whether there is one (`GET /api/me/for-me/feed`), a new secret URL shown once (`POST`), off (`DELETE`).
 */
(() => {
  const status = document.querySelector('[data-me-status]');
  const body = document.querySelector('[data-me-body]');
  const counts = document.querySelector('[data-me-counts]');
  const exam = document.querySelector('[data-me-exam]');
  const go = document.querySelector('[data-me-exam-go]');
  const del = document.querySelector('[data-me-delete]');
  if (
    !(status instanceof HTMLElement) ||
    !(body instanceof HTMLElement) ||
    !(counts instanceof HTMLElement) ||
    !(exam instanceof HTMLSelectElement) ||
    !(go instanceof HTMLButtonElement) ||
    !(del instanceof HTMLButtonElement)
  )
    return;
  const ui = { status, body, counts, exam, go, del };
  let csrf = '';

  /**
   * @param {string} url
   * @param {string} method
   * @param {object} [payload]
   */
  async function send(url, method, payload) {
    const r = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    if (!r.ok) throw new Error((await r.json().catch(() => null))?.error?.message ?? `failed: ${r.status}`);
    return r.status === 204 ? null : r.json();
  }

  const feedState = document.querySelector('[data-me-feed-state]');
  const feedUrl = document.querySelector('[data-me-feed-url]');
  const feedMake = document.querySelector('[data-me-feed-make]');
  const feedRevoke = document.querySelector('[data-me-feed-revoke]');

  async function showFeed() {
    if (!(feedState instanceof HTMLElement)) return;
    const state = await (await fetch('/api/me/for-me/feed')).json();
    feedState.textContent = state.active
      ? `已开启（${String(state.createdAt).slice(0, 10)} 生成）。网址只显示一次；忘了就生成新的。 On since ${String(state.createdAt).slice(0, 10)}; the URL is shown once: make a new one if you lost it.`
      : '未开启。 Off: make a URL to follow 为我推荐 in a feed reader.';
  }

  feedMake?.addEventListener('click', async () => {
    if (!(feedUrl instanceof HTMLElement)) return;
    try {
      const made = await send('/api/me/for-me/feed', 'POST');
      feedUrl.textContent = made.url;
      feedUrl.hidden = false;
      await showFeed();
    } catch (error) {
      ui.status.textContent = /** @type {Error} */ (error).message;
    }
  });

  feedRevoke?.addEventListener('click', async () => {
    try {
      await send('/api/me/for-me/feed', 'DELETE');
      if (feedUrl instanceof HTMLElement) feedUrl.hidden = true;
      await showFeed();
    } catch (error) {
      ui.status.textContent = /** @type {Error} */ (error).message;
    }
  });

  async function showCounts() {
    const parts = [];
    for (const [s, name] of [
      ['known', '认识'],
      ['learning', '学习中'],
      ['unknown', '生词'],
      ['ignored', '忽略'],
    ]) {
      const r = await fetch(`/api/me/words?status=${s}&limit=1`);
      if (r.ok) parts.push(`${name} ${(await r.json()).total}`);
    }
    ui.counts.textContent = parts.join(' · ');
  }

  ui.go.addEventListener('click', async () => {
    try {
      const result = await send('/api/me/known-from-exam', 'POST', { exam: ui.exam.value });
      ui.status.textContent = `已标为认识 ${result.marked} 个词。 Marked ${result.marked} words known.`;
      await showCounts();
    } catch (error) {
      ui.status.textContent = /** @type {Error} */ (error).message;
    }
  });

  ui.del.addEventListener('click', async () => {
    if (
      !window.confirm(
        '删除账号和全部数据？这不能撤销。 Delete your account and all its data? This cannot be undone.',
      )
    )
      return;
    try {
      await send('/api/me', 'DELETE');
      location.href = '/';
    } catch (error) {
      ui.status.textContent = /** @type {Error} */ (error).message;
    }
  });

  async function start() {
    const w = /** @type {any} */ (window);
    const pending = w.lingwireSession ?? fetch('/api/auth/session').then((r) => r.json());
    const info = /** @type {{ user: { email: string } | null, csrfToken: string | null }} */ (await pending);
    if (!info.user) return;
    csrf = info.csrfToken ?? '';
    ui.status.textContent = info.user.email;
    ui.body.hidden = false;
    await showCounts();
    await showFeed();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
  else void start();
})();
