// @ts-check
/**
 * The 为我推荐 page: asks `GET /api/me/for-me?min=&max=` for the newest stories in the learner's
 * range (default 90–98 % of running words known) and lists them with their figures.
 */

/**
 * @typedef {object} StoryForMe
 * @property {string} title
 * @property {string} path
 * @property {string} lead
 * @property {string | null} levelBand
 * @property {number} knownShare
 * @property {number} unknownLemmas
 * @property {{ nameZh: string } | null} section
 */

(() => {
  const form = document.querySelector('[data-for-me-form]');
  const status = document.querySelector('[data-for-me-status]');
  const list = document.querySelector('[data-for-me-list]');
  if (
    !(form instanceof HTMLFormElement) ||
    !(status instanceof HTMLElement) ||
    !(list instanceof HTMLElement)
  )
    return;
  const ui = { form, status, list };

  /** @param {string} name */
  function percent(name) {
    const input = ui.form.elements.namedItem(name);
    return input instanceof HTMLInputElement ? Number(input.value) / 100 : Number.NaN;
  }

  async function load() {
    const min = percent('min');
    const max = percent('max');
    const r = await fetch(`/api/me/for-me?min=${min}&max=${max}`, { credentials: 'same-origin' });
    const body = await r.json();
    if (!r.ok) {
      ui.status.textContent = body?.error?.message ?? `failed: ${r.status}`;
      return;
    }
    const stories = /** @type {StoryForMe[]} */ (body.stories);
    ui.list.replaceChildren();
    ui.status.textContent = stories.length
      ? `${stories.length} 篇 stories`
      : '这个范围里暂时没有文章，试试放宽范围。 No stories in this range; try a wider one.';
    for (const s of stories) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = s.path;
      a.lang = 'en';
      a.textContent = s.title;
      const figures = document.createElement('span');
      figures.className = 'for-me-figures';
      figures.textContent = ` 认识 ${(s.knownShare * 100).toFixed(1)}% · 生词 ${s.unknownLemmas}${s.levelBand ? ` · ${s.levelBand}` : ''}`;
      const lead = document.createElement('p');
      lead.lang = 'en';
      lead.textContent = s.lead;
      li.append(a, figures, lead);
      ui.list.append(li);
    }
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });

  async function start() {
    const w = /** @type {any} */ (window);
    const pending = w.lingwireSession ?? fetch('/api/auth/session').then((r) => r.json());
    const info = /** @type {{ user: unknown }} */ (await pending);
    if (info.user) await load();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
  else void start();
})();
