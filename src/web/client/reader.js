// @ts-check
/**
 * The story reader in the browser: the word lookup popup and moving between words. The server has
 * already marked up every word (`.w`, with `data-k` = dictionary entry, `data-r` = band level,
 * `data-ph` = phrase, `data-p` = part of speech in the sentence, `data-n` = the kind of name) and
 * sentence (`.s`), so nothing here tokenizes text. Lookups go to `GET /api/lookup?word=…&pos=…`
 * (that part of speech's meanings first), which browsers cache; a name the dictionary does not
 * know (no `data-k`) is shown without asking anything. Moving between words is `reader-keys.js`;
 * exam marking, the 生词表 and read aloud are `reader-tools.js`.
 *
 * The popup is a labelled dialog: focus moves into it when it opens, Tab cycles inside it, Escape
 * closes it and gives focus back to the word. Its DOM, for scripts that add to it:
 *   div.lookup[role=dialog] > button.lookup-close, div.lookup-body (replaced on every lookup),
 *   div.lookup-actions (emptied on every lookup; a `lingwire:lookup` event on the popup then says
 *   what is shown, `detail: { written, key, entry, name }`, so another script can add buttons there).
 *
 * Checked by `tsconfig.client.json` (DOM types, no Node) and linted by biome like the server code.
 */

/**
 * One line of Chinese meanings, as `/api/lookup` sends it.
 * @typedef {object} Translation
 * @property {string} pos part of speech (`n.`, `vt.`), `''` if none
 * @property {string} text the meanings
 */

/**
 * What `/api/lookup` says of a name: its kind and Chinese name.
 * @typedef {object} NameInfo
 * @property {'person' | 'place' | 'organization' | 'unknown'} kind
 * @property {string | null} zh
 */

/**
 * The fields of a `GET /api/lookup` answer that the popup shows: the server's `DictionaryEntry`
 * (`src/dictionary/types.ts`) plus `examNames` and `name`. A name the dictionary lacks has only
 * `word` and `name`.
 * @typedef {object} LookupEntry
 * @property {string} word the spelling found
 * @property {string} [lemma] headword of the lemma whose entry this is
 * @property {string} [phonetic] `''` if none
 * @property {Translation[]} [translations]
 * @property {string} [definition] English definition, `''` if none
 * @property {Record<string, string | null>} [forms] the lemma's forms by kind (`past`, `plural`…)
 * @property {string[]} [examNames] exam lists the lemma is on, by their Chinese names
 * @property {number} [collins] Collins stars, 0–5
 * @property {boolean} [oxford] in the Oxford 3000
 * @property {{ translations: Translation[] } | null} [ownSense] the inflected form's own sense, if any
 * @property {NameInfo | null} [name] null for an ordinary word
 */

(() => {
  const found = /** @type {HTMLElement | null} */ (document.querySelector('.reader'));
  if (!found) return;
  // A const that is never null, so the hoisted functions below can use it too.
  const reader = found;
  const words = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.w')]);

  /** @type {Record<string, string>} */
  const NAME_LABELS = {
    person: '人名 name of a person',
    place: '地名 name of a place',
    organization: '机构名 name of an organization',
    unknown: '专有名词 a name',
  };

  /** @type {Record<string, string>} */
  const FORM_NAMES = {
    past: '过去式',
    pastParticiple: '过去分词',
    ing: '现在分词',
    third: '第三人称单数',
    plural: '复数',
    comparative: '比较级',
    superlative: '最高级',
  };

  /**
   * @param {string} tag
   * @param {string | null} className
   * @param {string | null} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  // ---- the lookup popup ---------------------------------------------------------------------
  const popup = el('div', 'lookup');
  popup.id = 'lookup';
  popup.setAttribute('role', 'dialog');
  popup.setAttribute('aria-modal', 'true');
  popup.setAttribute('aria-labelledby', 'lookup-word');
  popup.tabIndex = -1;
  popup.hidden = true;
  const close = el('button', 'lookup-close', '×');
  close.setAttribute('type', 'button');
  close.setAttribute('aria-label', '关闭 Close');
  close.addEventListener('click', () => closePopup(true));
  const body = el('div', 'lookup-body');
  const actions = el('div', 'lookup-actions');
  popup.append(close, body, actions);
  document.body.append(popup);
  /** @type {HTMLElement | null} */
  let openedFrom = null;
  /** @type {Map<string, Promise<LookupEntry | null>>} */
  const cache = new Map();

  /**
   * @param {string} word
   * @param {string | undefined} pos
   * @returns {Promise<LookupEntry | null>}
   */
  function fetchEntry(word, pos) {
    const key = pos ? `${word}\n${pos}` : word;
    let entry = cache.get(key);
    if (!entry) {
      const query = `word=${encodeURIComponent(word)}${pos ? `&pos=${encodeURIComponent(pos)}` : ''}`;
      // 404 means "not in the dictionary" and is kept; any other failure is not, so a retry can work.
      entry = fetch(`/api/lookup?${query}`).then((r) => {
        if (r.ok) return /** @type {Promise<LookupEntry>} */ (r.json());
        if (r.status === 404) return null;
        throw new Error(`lookup failed: ${r.status}`);
      });
      entry.catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  }

  /**
   * The popup's heading: the word as written, its lemma and phonetic.
   * @param {string} written
   * @param {LookupEntry | null} entry
   */
  function heading(written, entry) {
    const head = el('p', 'lookup-head');
    const word = el('strong', 'lookup-word', written);
    word.id = 'lookup-word';
    word.setAttribute('lang', 'en');
    head.append(word);
    if (entry?.lemma && !entry.name && entry.lemma.toLowerCase() !== written.toLowerCase()) {
      const lemma = el('span', 'lookup-lemma', ` → ${entry.lemma}`);
      lemma.setAttribute('lang', 'en');
      head.append(lemma);
    }
    if (entry?.phonetic) {
      const phonetic = el('span', 'lookup-phonetic', ` /${entry.phonetic}/`);
      phonetic.id = 'lookup-phonetic';
      head.append(phonetic);
    }
    return head;
  }

  /**
   * A name: what kind, how it is written, its Chinese name where the dictionary has one.
   * @param {string} written
   * @param {string} kind from the page (`data-n`), which knows the sentence
   * @param {LookupEntry | null} entry
   */
  function renderName(written, kind, entry) {
    const zh = entry?.name?.zh ?? null;
    // An entry about something else spelled the same (`kerry`, a breed of cattle) is not shown.
    const own = zh !== null ? entry : null;
    body.append(heading(written, own));
    const line = el('p', 'lookup-name');
    line.id = 'lookup-summary';
    line.append(el('span', 'label name-kind', NAME_LABELS[kind] ?? NAME_LABELS.unknown));
    if (zh) line.append(' ', el('span', 'lookup-zh', zh));
    body.append(line);
    body.append(
      el('p', 'lookup-note', '名字不用背，生词表和标出生词都不算它。 Names are not words to learn.'),
    );
    if (own?.definition) body.append(definition(own.definition));
  }

  /** @param {string} text */
  function definition(text) {
    const details = el('details', 'lookup-definition');
    details.append(el('summary', null, '英文释义 English definition'));
    const p = el('p', null, text);
    p.setAttribute('lang', 'en');
    details.append(p);
    return details;
  }

  /**
   * @param {LookupEntry | null} entry
   * @param {string} written
   * @param {string | undefined} phrase
   */
  function renderEntry(entry, written, phrase) {
    body.append(heading(written, entry));
    if (!entry?.translations) {
      const missing = el('p', 'lookup-missing', '词典里没有这个词。 Not in the dictionary.');
      missing.id = 'lookup-summary';
      body.append(missing);
      return;
    }
    const labels = el('p', 'lookup-labels');
    for (const name of entry.examNames ?? []) labels.append(el('span', 'label', name));
    if (entry.collins && entry.collins > 0)
      labels.append(el('span', 'label collins', '★'.repeat(entry.collins)));
    if (entry.oxford) labels.append(el('span', 'label', '牛津3000'));
    if (labels.childElementCount > 0) body.append(labels);
    const senses = entry.ownSense
      ? [...entry.ownSense.translations, ...entry.translations]
      : entry.translations;
    const list = el('ul', 'lookup-meanings');
    for (const t of senses.slice(0, 8)) {
      const li = el('li', null);
      if (t.pos) li.append(el('span', 'pos', t.pos), ' ');
      li.append(t.text);
      list.append(li);
    }
    if (list.firstElementChild) list.firstElementChild.id = 'lookup-summary';
    body.append(list);
    const forms = Object.entries(entry.forms ?? {}).filter(([, v]) => v);
    if (forms.length > 0) {
      const p = el('p', 'lookup-forms');
      p.setAttribute('lang', 'en');
      p.textContent = forms.map(([k, v]) => `${FORM_NAMES[k] ?? k} ${v}`).join(' · ');
      body.append(p);
    }
    if (entry.definition) body.append(definition(entry.definition));
    if (phrase && phrase.toLowerCase() !== (entry.word ?? '').toLowerCase()) {
      const button = el('button', 'lookup-phrase', `短语 ${phrase}`);
      button.setAttribute('type', 'button');
      button.addEventListener('click', () => show(phrase, phrase, undefined, undefined));
      body.append(button);
    }
  }

  /** Places the popup next to the word, inside the screen, without moving any text. */
  function place() {
    if (!openedFrom || popup.hidden) return;
    if (window.innerWidth < 600) {
      popup.classList.add('sheet');
      popup.style.left = popup.style.top = '';
      return;
    }
    popup.classList.remove('sheet');
    const rect = openedFrom.getBoundingClientRect();
    const width = popup.offsetWidth;
    const height = popup.offsetHeight;
    const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    const below = rect.bottom + 6;
    const top = below + height <= window.innerHeight - 8 ? below : Math.max(8, rect.top - height - 6);
    popup.style.left = `${left}px`;
    popup.style.top = `${top}px`;
  }

  /** Counts lookups, so only the latest one fills the popup. */
  let request = 0;
  /**
   * @param {string} key the entry to ask for; `''` for a name the dictionary does not know
   * @param {string} written
   * @param {string | undefined} phrase
   * @param {string | undefined} pos the word's part of speech in its sentence (UPOS)
   * @param {string} [nameKind] the kind of name (`data-n`): the popup shows a name
   */
  async function show(key, written, phrase, pos, nameKind) {
    const mine = ++request;
    const wasOpen = !popup.hidden;
    popup.hidden = false;
    if (!wasOpen || !popup.contains(document.activeElement)) popup.focus({ preventScroll: true });
    popup.setAttribute('aria-busy', 'true');
    // Other scripts' buttons belong to the word they were made for: gone while the next one loads.
    actions.replaceChildren();
    /** @type {LookupEntry | null} */
    let entry = null;
    let failed = false;
    try {
      entry = key ? await fetchEntry(key, nameKind ? 'PROPN' : pos) : null;
    } catch {
      failed = true;
    }
    // A later click has taken over the popup: its answer, not this one, is shown.
    if (mine !== request) return;
    const hadFocus = popup.contains(document.activeElement);
    popup.removeAttribute('aria-busy');
    body.replaceChildren();
    actions.replaceChildren();
    if (failed) {
      body.append(heading(written, null));
      const p = el('p', 'lookup-missing', '查词失败，请再试一次。 The lookup failed; try again.');
      p.id = 'lookup-summary';
      body.append(p);
    } else if (nameKind) {
      renderName(written, nameKind, entry);
    } else {
      renderEntry(entry, written, phrase);
      // Extension point: other scripts (learner.js) add to the popup; detail: { popup, word, entry }.
      document.dispatchEvent(
        new CustomEvent('lingwire:popup', { detail: { popup, word: openedFrom, entry } }),
      );
    }
    // Screen readers hear the word (the label), then its phonetic and first meaning.
    const described = ['lookup-phonetic', 'lookup-summary'].filter((id) => document.getElementById(id));
    popup.setAttribute('aria-describedby', described.join(' '));
    if (hadFocus && !popup.contains(document.activeElement)) popup.focus({ preventScroll: true });
    place();
    popup.dispatchEvent(
      new CustomEvent('lingwire:lookup', {
        bubbles: true,
        detail: { written, key, entry, name: nameKind ?? null },
      }),
    );
  }

  /** @param {HTMLElement} word */
  function openFor(word) {
    for (const w of words) w.classList.remove('active');
    word.classList.add('active');
    openedFrom = word;
    const nameKind = word.dataset.n;
    const key = word.dataset.k ?? (nameKind ? '' : (word.textContent ?? ''));
    void show(key, word.textContent ?? '', word.dataset.ph, word.dataset.p, nameKind);
  }

  /** @param {boolean} refocus */
  function closePopup(refocus) {
    if (popup.hidden) return;
    popup.hidden = true;
    request++;
    openedFrom?.classList.remove('active');
    if (refocus) openedFrom?.focus();
  }

  /** What Tab can reach inside the popup, in order. */
  function focusables() {
    return /** @type {HTMLElement[]} */ (
      [...popup.querySelectorAll('button, summary, a[href], input, select, textarea, [tabindex="0"]')].filter(
        (node) => !(/** @type {HTMLButtonElement} */ (node).disabled) && node.getClientRects().length > 0,
      )
    );
  }

  popup.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const items = focusables();
    if (items.length === 0) return;
    const at = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    event.preventDefault();
    const next = event.shiftKey
      ? at <= 0
        ? items.length - 1
        : at - 1
      : at === items.length - 1
        ? 0
        : at + 1;
    items[next]?.focus();
  });

  // ---- words: a click opens the popup (keys are in `reader-keys.js`: Enter clicks) -------------
  reader.addEventListener('click', (event) => {
    // Read aloud owns clicks while it reads (`reader-tools.js`): a click starts reading there.
    if (reader.classList.contains('reading')) return;
    const word = /** @type {HTMLElement} */ (event.target).closest('.w');
    if (word instanceof HTMLElement) {
      word.focus();
      openFor(word);
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closePopup(true);
  });
  document.addEventListener('click', (event) => {
    const target = /** @type {Node} */ (event.target);
    if (!popup.hidden && !popup.contains(target) && !reader.contains(target)) closePopup(false);
  });
  window.addEventListener('resize', place);
  window.addEventListener('scroll', place, { passive: true });
})();
