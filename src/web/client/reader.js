// @ts-check
/**
 * The story reader in the browser: word lookups, exam marking, the vocabulary-list filter and
 * read aloud. The server has already marked up every word (`.w`, with `data-k` = dictionary
 * entry, `data-r` = band level, `data-ph` = phrase, `data-p` = part of speech in the sentence) and
 * sentence (`.s`), so nothing here tokenizes text. Lookups go to `GET /api/lookup?word=…&pos=…`
 * (that part of speech's meanings first), which browsers cache.
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
 * The fields of a `GET /api/lookup` answer that the popup shows: the server's `DictionaryEntry`
 * (`src/dictionary/dictionary.ts`) plus `examNames`.
 * @typedef {object} LookupEntry
 * @property {string} word the spelling found
 * @property {string} lemma headword of the lemma whose entry this is
 * @property {string} phonetic `''` if none
 * @property {Translation[]} translations
 * @property {string} definition English definition, `''` if none
 * @property {Record<string, string | null>} forms the lemma's forms by kind (`past`, `plural`…)
 * @property {string[]} examNames exam lists the lemma is on, by their Chinese names
 * @property {number} collins Collins stars, 0–5
 * @property {boolean} oxford in the Oxford 3000
 * @property {{ translations: Translation[] } | null} ownSense the inflected form's own sense, if any
 */

(() => {
  const found = /** @type {HTMLElement | null} */ (document.querySelector('.reader'));
  if (!found) return;
  // A const that is never null, so the hoisted functions below can use it too.
  const reader = found;
  const words = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.w')]);

  // ---- the lookup popup ---------------------------------------------------------------------
  const popup = document.createElement('div');
  popup.className = 'lookup';
  popup.setAttribute('role', 'dialog');
  popup.setAttribute('aria-modal', 'false');
  popup.setAttribute('aria-label', '词典 Dictionary');
  popup.tabIndex = -1;
  popup.hidden = true;
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
   * @param {LookupEntry | null} entry
   * @param {string} written
   * @param {string | undefined} phrase
   */
  function renderEntry(entry, written, phrase) {
    popup.replaceChildren();
    const close = el('button', 'lookup-close', '×');
    close.setAttribute('aria-label', '关闭 Close');
    close.addEventListener('click', () => closePopup(true));
    popup.append(close);
    const head = el('p', 'lookup-head');
    head.append(el('strong', 'lookup-word', written));
    head.lastElementChild?.setAttribute('lang', 'en');
    if (!entry) {
      popup.append(head, el('p', 'lookup-missing', '词典里没有这个词。 Not in the dictionary.'));
      return;
    }
    if (entry.lemma && entry.lemma.toLowerCase() !== written.toLowerCase()) {
      const lemma = el('span', 'lookup-lemma', ` → ${entry.lemma}`);
      lemma.setAttribute('lang', 'en');
      head.append(lemma);
    }
    if (entry.phonetic) head.append(el('span', 'lookup-phonetic', ` /${entry.phonetic}/`));
    popup.append(head);
    const labels = el('p', 'lookup-labels');
    for (const name of entry.examNames ?? []) labels.append(el('span', 'label', name));
    if (entry.collins > 0) labels.append(el('span', 'label collins', '★'.repeat(entry.collins)));
    if (entry.oxford) labels.append(el('span', 'label', '牛津3000'));
    if (labels.childElementCount > 0) popup.append(labels);
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
    popup.append(list);
    const forms = Object.entries(entry.forms ?? {}).filter(([, v]) => v);
    if (forms.length > 0) {
      const p = el('p', 'lookup-forms');
      p.setAttribute('lang', 'en');
      p.textContent = forms.map(([k, v]) => `${FORM_NAMES[k] ?? k} ${v}`).join(' · ');
      popup.append(p);
    }
    if (entry.definition) {
      const details = el('details', 'lookup-definition');
      details.append(el('summary', null, '英文释义 English definition'));
      const body = el('p', null, entry.definition);
      body.setAttribute('lang', 'en');
      details.append(body);
      popup.append(details);
    }
    if (phrase && phrase.toLowerCase() !== (entry.word ?? '').toLowerCase()) {
      const button = el('button', 'lookup-phrase', `短语 ${phrase}`);
      button.addEventListener('click', () => show(phrase, phrase, undefined));
      popup.append(button);
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
   * @param {string} key
   * @param {string} written
   * @param {string | undefined} phrase
   * @param {string} [pos] the word's part of speech in its sentence (UPOS)
   */
  async function show(key, written, phrase, pos) {
    const mine = ++request;
    popup.hidden = false;
    popup.setAttribute('aria-busy', 'true');
    /** @type {LookupEntry | null} */
    let entry = null;
    let failed = false;
    try {
      entry = await fetchEntry(key, pos);
    } catch {
      failed = true;
    }
    // A later click has taken over the popup: its answer, not this one, is shown.
    if (mine !== request) return;
    popup.removeAttribute('aria-busy');
    if (failed) {
      popup.replaceChildren(
        el('p', 'lookup-missing', '查词失败，请再试一次。 The lookup failed; try again.'),
      );
    } else {
      renderEntry(entry, written, phrase);
      // Extension point: other scripts (learner.js) add to the popup; detail: { popup, word, entry }.
      document.dispatchEvent(
        new CustomEvent('lingwire:popup', { detail: { popup, word: openedFrom, entry } }),
      );
    }
    place();
  }

  /** @param {HTMLElement} word */
  function openFor(word) {
    for (const w of words) w.classList.remove('active');
    word.classList.add('active');
    openedFrom = word;
    void show(
      word.dataset.k ?? word.textContent ?? '',
      word.textContent ?? '',
      word.dataset.ph,
      word.dataset.p,
    );
  }

  /** @param {boolean} refocus */
  function closePopup(refocus) {
    if (popup.hidden) return;
    popup.hidden = true;
    openedFrom?.classList.remove('active');
    if (refocus) openedFrom?.focus();
  }

  // ---- words: click, keyboard with a roving tabindex ------------------------------------------
  /** @param {HTMLElement} word */
  function focusWord(word) {
    for (const w of words) if (w.tabIndex === 0) w.tabIndex = -1;
    word.tabIndex = 0;
    word.focus();
  }

  reader.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const word = target.closest('.w');
    if (reading) {
      const sentence = target.closest('.s');
      if (sentence) speakFrom(sentences.indexOf(/** @type {HTMLElement} */ (sentence)));
      return;
    }
    if (word instanceof HTMLElement) {
      focusWord(word);
      openFor(word);
    }
  });

  reader.addEventListener('keydown', (event) => {
    const word = /** @type {HTMLElement} */ (event.target);
    if (!word.classList?.contains('w')) return;
    const index = words.indexOf(word);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openFor(word);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = words[Math.min(words.length - 1, index + 1)];
      if (next) focusWord(next);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      const prev = words[Math.max(0, index - 1)];
      if (prev) focusWord(prev);
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

  // ---- exam marking and the vocabulary list ---------------------------------------------------
  const tools = document.querySelector('.reader-tools');
  if (tools instanceof HTMLElement) tools.classList.remove('pending');
  const markSelect = document.querySelector('.mark-level');
  if (markSelect instanceof HTMLSelectElement) {
    const apply = () => {
      reader.dataset.mark = markSelect.value;
    };
    markSelect.addEventListener('change', apply);
    apply();
  }
  const vocabSelect = document.querySelector('.vocab-level');
  const vocabList = document.querySelector('.vocab-list');
  const vocabCount = document.querySelector('.vocab-count');
  if (vocabSelect instanceof HTMLSelectElement && vocabList instanceof HTMLElement) {
    const apply = () => {
      vocabList.dataset.min = vocabSelect.value;
      const min = Number(vocabSelect.value);
      const shown = [...vocabList.children].filter(
        (li) => Number(/** @type {HTMLElement} */ (li).dataset.r) >= min,
      );
      if (vocabCount) vocabCount.textContent = `${shown.length} 个词`;
    };
    vocabSelect.addEventListener('change', apply);
    apply();
  }
  document.querySelectorAll('.vocab-word').forEach((link) => {
    link.addEventListener('click', () => {
      const id = link.getAttribute('href')?.slice(1);
      const sentence = id ? document.getElementById(id) : null;
      if (!sentence) return;
      sentence.classList.add('flash');
      setTimeout(() => sentence.classList.remove('flash'), 1600);
    });
  });

  // ---- read aloud -----------------------------------------------------------------------------
  const sentences = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.s')]);
  const readButton = document.querySelector('.read-aloud');
  let reading = false;
  /** Counts utterances, so the end of a cancelled one never advances the reading. */
  let utterances = 0;
  const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;

  function englishVoice() {
    const voices = synth?.getVoices() ?? [];
    return voices.find((v) => v.lang === 'en-US') ?? voices.find((v) => v.lang.startsWith('en')) ?? null;
  }

  /** @param {number} index */
  function speakFrom(index) {
    if (!synth || index < 0 || index >= sentences.length) return stopReading();
    synth.cancel();
    reading = true;
    sentences.forEach((s, i) => {
      s.classList.toggle('speaking', i === index);
    });
    const sentence = sentences[index];
    if (!sentence) return stopReading();
    sentence.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    const utterance = new SpeechSynthesisUtterance(sentence.textContent ?? '');
    utterance.lang = 'en-US';
    const voice = englishVoice();
    if (voice) utterance.voice = voice;
    const turn = ++utterances;
    utterance.onend = () => {
      if (reading && turn === utterances) speakFrom(index + 1);
    };
    utterance.onerror = (event) => {
      // Cancelling (a click on another sentence, Stop) also ends with an error: not a failure.
      if (event.error !== 'interrupted' && event.error !== 'canceled' && turn === utterances) stopReading();
    };
    synth.speak(utterance);
    if (readButton) readButton.textContent = '■ 停止朗读 Stop';
    reader.classList.add('reading');
  }

  function stopReading() {
    reading = false;
    synth?.cancel();
    for (const s of sentences) s.classList.remove('speaking');
    reader.classList.remove('reading');
    if (readButton) readButton.textContent = '▶ 朗读 Read aloud';
  }

  if (readButton instanceof HTMLButtonElement) {
    if (!synth) readButton.hidden = true;
    // Without an English voice there is nothing to read with; voices can arrive after load.
    const checkVoices = () => {
      if (synth && synth.getVoices().length > 0 && !englishVoice()) readButton.hidden = true;
    };
    synth?.addEventListener?.('voiceschanged', checkVoices);
    checkVoices();
    readButton.addEventListener('click', () => (reading ? stopReading() : speakFrom(0)));
  }
})();
