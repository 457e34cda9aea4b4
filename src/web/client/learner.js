// @ts-check
/**
 * A logged-in learner's layer over the story reader. The page's HTML is the same for everyone;
 * this script asks `GET /api/me/story-marks/<slug>` for the lemma of every word span and the
 * learner's statuses, and marks unknown words (`lw-u`) and learning ones (`lw-l`, stage in
 * `data-lw-stage`) distinctly. It adds to the dictionary popup (through reader.js's
 * `lingwire:popup` event) buttons to set the word's status and to add it to the 生词本, with keys
 * while the popup is open: 1–4 learning stage, K known, I ignore, U unknown, A add to 生词本.
 * "读完了 finished" marks the story's remaining unknown words known after a confirmation.
 */

/**
 * @typedef {object} Marks
 * @property {number} storyId
 * @property {string[]} lemmas
 * @property {number[]} words index into `lemmas` per `.w` span, -1 for none
 * @property {Record<string, [string, number | null]>} statuses
 * @property {number} unknown
 */

(() => {
  const reader = document.querySelector('.reader');
  const found = /^\/stories\/([^/?#]+)/.exec(location.pathname)?.[1];
  if (!(reader instanceof HTMLElement) || !found) return;
  // Consts that are never null, so the functions below can use them.
  const slug = found;
  const readerEl = reader;
  const words = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.w')]);

  /** @type {Marks | null} */
  let marks = null;
  let csrf = '';
  /** @type {Map<HTMLElement, number>} */
  const wordIndex = new Map(words.map((w, i) => [w, i]));

  /**
   * @param {string} url
   * @param {string} method
   * @param {object} [body]
   */
  async function send(url, method, body) {
    const r = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await r.json().catch(() => null);
    if (!r.ok) throw new Error(json?.error?.message ?? `failed: ${r.status}`);
    return json;
  }

  /** @param {HTMLElement} word */
  function lemmaOf(word) {
    const i = wordIndex.get(word);
    const li = i === undefined ? -1 : (marks?.words[i] ?? -1);
    return li >= 0 ? (marks?.lemmas[li] ?? null) : null;
  }

  /** Marks every word span by its lemma's status. */
  function paint() {
    if (!marks) return;
    words.forEach((w, i) => {
      const li = marks?.words[i] ?? -1;
      w.classList.remove('lw-u', 'lw-l');
      delete w.dataset.lwStage;
      if (li < 0 || !marks) return;
      const status = marks.statuses[marks.lemmas[li] ?? ''];
      if (!status || status[0] === 'unknown') w.classList.add('lw-u');
      else if (status[0] === 'learning') {
        w.classList.add('lw-l');
        w.dataset.lwStage = String(status[1] ?? 1);
      }
    });
    const count = marks.lemmas.filter((l) => {
      const s = marks?.statuses[l];
      return !s || s[0] === 'unknown';
    }).length;
    marks.unknown = count;
    finishButton.textContent = `读完了 Finished (${count} 个生词)`;
    // For gloss.js (注释模式), which glosses the words not known yet.
    document.dispatchEvent(new CustomEvent('lingwire:marks', { detail: marks }));
  }

  // ---- the popup's actions --------------------------------------------------------------------
  /** @type {HTMLElement | null} */
  let current = null;
  /** @type {HTMLElement | null} */
  let note = null;

  /**
   * @param {string} status
   * @param {number} [stage]
   */
  async function setStatus(status, stage) {
    const word = current;
    const lemma = word && lemmaOf(word);
    if (!word || !lemma || !marks) return;
    try {
      const body = /** @type {{ lemma: string, status: string, stage: number | null }} */ (
        await send(`/api/me/words/${encodeURIComponent(word.textContent ?? lemma)}`, 'PUT', {
          status,
          lemma,
          ...(stage ? { stage } : {}),
        })
      );
      marks.statuses[body.lemma] = [body.status, body.stage];
      paint();
      say(body.status === 'learning' ? `学习中 ${body.stage}` : (LABELS[body.status] ?? body.status));
    } catch (error) {
      say(/** @type {Error} */ (error).message);
    }
  }

  /**
   * A sentence's text without 注释模式's ruby text.
   * @param {Element | null} sentence
   */
  function textWithoutGlosses(sentence) {
    if (!sentence) return undefined;
    const copy = /** @type {Element} */ (sentence.cloneNode(true));
    for (const rt of copy.querySelectorAll('rt')) rt.remove();
    return copy.textContent?.trim() || undefined;
  }

  async function addToWordbook() {
    const word = current;
    if (!word || !marks) return;
    const sentence = textWithoutGlosses(word.closest('.s'));
    try {
      const entry = await send('/api/me/wordbook', 'POST', {
        word: word.textContent ?? '',
        story: marks.storyId,
        ...(sentence ? { sentence } : {}),
      });
      const lemma = lemmaOf(word);
      if (lemma && (!marks.statuses[lemma] || marks.statuses[lemma]?.[0] === 'unknown')) {
        marks.statuses[lemma] = ['learning', 1];
        paint();
      }
      say(`已加入生词本 Added: ${entry.meaning || entry.word}`);
      document.dispatchEvent(new CustomEvent('lingwire:due-changed'));
    } catch (error) {
      say(/** @type {Error} */ (error).message);
    }
  }

  /** @type {Record<string, string>} */
  const LABELS = { unknown: '生词 Unknown', known: '认识 Known', ignored: '忽略 Ignored' };

  /** @param {string} text */
  function say(text) {
    if (note) note.textContent = text;
  }

  /**
   * @param {string} text
   * @param {string} key
   * @param {() => void} act
   */
  function button(text, key, act) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-keyshortcuts', key);
    b.addEventListener('click', act);
    return b;
  }

  document.addEventListener('lingwire:popup', (event) => {
    const detail = /** @type {CustomEvent} */ (event).detail;
    const popup = /** @type {HTMLElement} */ (detail.popup);
    current = /** @type {HTMLElement | null} */ (detail.word);
    if (!marks || !current || !lemmaOf(current)) return;
    const bar = document.createElement('div');
    bar.className = 'lookup-learner';
    const lemma = lemmaOf(current) ?? '';
    const status = marks.statuses[lemma];
    const state = document.createElement('p');
    state.className = 'lookup-status';
    state.textContent = `状态 ${status ? (status[0] === 'learning' ? `学习中 ${status[1]}` : LABELS[status[0]]) : LABELS.unknown}`;
    bar.append(
      state,
      button('学习中 1', '1', () => void setStatus('learning', 1)),
      button('认识 K', 'K', () => void setStatus('known')),
      button('忽略 I', 'I', () => void setStatus('ignored')),
      button('生词 U', 'U', () => void setStatus('unknown')),
      button('加入生词本 A', 'A', () => void addToWordbook()),
    );
    note = document.createElement('p');
    note.className = 'lookup-note';
    note.setAttribute('role', 'status');
    bar.append(note);
    // Into the popup's footer, which the reader empties on every lookup.
    (popup.querySelector('.lookup-actions') ?? popup).append(bar);
  });

  document.addEventListener('keydown', (event) => {
    const popup = document.querySelector('.lookup');
    if (!(popup instanceof HTMLElement) || popup.hidden || !current || !marks) return;
    // While the next word's entry loads, `current` is still the previous word: keys wait.
    if (popup.getAttribute('aria-busy') === 'true') return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest?.('input, textarea, select')) return;
    const key = event.key.toLowerCase();
    if (/^[1-4]$/.test(key)) void setStatus('learning', Number(key));
    else if (key === 'k') void setStatus('known');
    else if (key === 'i') void setStatus('ignored');
    else if (key === 'u') void setStatus('unknown');
    else if (key === 'a') void addToWordbook();
    else return;
    event.preventDefault();
  });

  // ---- 读完了 ----------------------------------------------------------------------------------
  const finishButton = document.createElement('button');
  finishButton.type = 'button';
  finishButton.className = 'finish-story';
  finishButton.hidden = true;
  finishButton.addEventListener('click', async () => {
    if (!marks) return;
    if (
      !window.confirm(
        `把这篇文章剩下的 ${marks.unknown} 个生词标为认识？ Mark the ${marks.unknown} remaining unknown words known?`,
      )
    )
      return;
    try {
      await send(`/api/me/story-marks/${encodeURIComponent(slug)}/finished`, 'POST');
      for (const lemma of marks.lemmas) {
        const s = marks.statuses[lemma];
        if (!s || s[0] === 'unknown') marks.statuses[lemma] = ['known', null];
      }
      paint();
      finishButton.textContent = '已读完 Finished ✓';
    } catch (error) {
      finishButton.textContent = /** @type {Error} */ (error).message;
    }
  });
  reader.after(finishButton);

  /** The session account.js fetched (it runs after this script: deferred scripts keep page order). */
  async function start() {
    const w = /** @type {any} */ (window);
    const pending = w.lingwireSession ?? fetch('/api/auth/session').then((r) => r.json());
    const info = /** @type {{ user: unknown, csrfToken: string | null }} */ (await pending);
    if (!info.user) return;
    csrf = info.csrfToken ?? '';
    const r = await fetch(`/api/me/story-marks/${encodeURIComponent(slug)}`, { credentials: 'same-origin' });
    if (!r.ok) return;
    marks = /** @type {Marks} */ (await r.json());
    readerEl.classList.add('learner-marks');
    finishButton.hidden = false;
    paint();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
  else void start();
})();
