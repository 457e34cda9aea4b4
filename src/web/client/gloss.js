// @ts-check
/**
 * 注释模式 gloss mode: prints the short Chinese meaning above each word the learner does not know
 * yet (no status, unknown or learning), as ruby text. Which words comes from the learner's own
 * marks (`lingwire:marks` from learner.js), the meanings from `GET /api/stories/<slug>/glosses`
 * (the same for everyone), fetched the first time the mode is on. The page's HTML is untouched
 * until then. The choice is kept in localStorage; the toggle is a button with `aria-pressed`.
 */
(() => {
  const reader = document.querySelector('.reader');
  const found = /^\/stories\/([^/?#]+)/.exec(location.pathname)?.[1];
  if (!(reader instanceof HTMLElement) || !found) return;
  const readerEl = reader;
  const slug = found;
  const KEY = 'lingwire.gloss';
  const words = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.w')]);

  /** @type {{ lemmas: string[], words: number[], statuses: Record<string, [string, number | null]> } | null} */
  let marks = null;
  /** @type {Record<string, string> | null} */
  let glosses = null;
  let on = false;
  try {
    on = localStorage.getItem(KEY) === '1';
  } catch {
    // Storage refused (private mode): the mode starts off.
  }

  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'gloss-toggle';
  toggle.hidden = true;
  toggle.textContent = '注释 Gloss';
  toggle.title = '在不认识的词上方显示中文 Show the Chinese meaning above words you do not know yet';
  toggle.setAttribute('aria-pressed', String(on));
  (document.querySelector('.reader-tools') ?? readerEl.parentElement)?.append(toggle);

  /** Takes every ruby out again, leaving the word spans where they were. */
  function clear() {
    for (const ruby of [...readerEl.querySelectorAll('ruby.lw-gloss')]) {
      const word = ruby.querySelector('.w');
      if (word) ruby.replaceWith(word);
      else ruby.remove();
    }
  }

  function render() {
    clear();
    readerEl.classList.toggle('glossed', on && glosses !== null);
    if (!on || !marks || !glosses) return;
    words.forEach((w, i) => {
      const li = marks?.words[i] ?? -1;
      const lemma = li >= 0 ? marks?.lemmas[li] : undefined;
      if (!lemma || !marks || !glosses) return;
      const status = marks.statuses[lemma]?.[0];
      if (status === 'known' || status === 'ignored') return;
      const gloss = glosses[lemma];
      if (!gloss) return;
      const ruby = document.createElement('ruby');
      ruby.className = 'lw-gloss';
      w.replaceWith(ruby);
      const rt = document.createElement('rt');
      rt.lang = 'zh-CN';
      rt.textContent = gloss;
      ruby.append(w, rt);
    });
  }

  async function show() {
    if (on && !glosses) {
      const r = await fetch(`/api/stories/${encodeURIComponent(slug)}/glosses`);
      if (!r.ok) return;
      glosses = /** @type {{ glosses: Record<string, string> }} */ (await r.json()).glosses;
    }
    render();
  }

  toggle.addEventListener('click', () => {
    on = !on;
    toggle.setAttribute('aria-pressed', String(on));
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // Not kept: fine for this page.
    }
    void show();
  });

  document.addEventListener('lingwire:marks', (event) => {
    marks = /** @type {CustomEvent} */ (event).detail;
    toggle.hidden = false;
    void show();
  });
})();
