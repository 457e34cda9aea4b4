// @ts-check
/**
 * The story page's reading tools: exam marking (标出生词), the vocabulary list (生词表) and read
 * aloud. The word popup is `reader.js`.
 *
 * - "X以上" means the same in both selectors and includes the level named: 四级以上 marks and lists
 *   四级 words too. The two selectors share one level, kept on the device (localStorage), and
 *   whether marking is on is kept beside it.
 * - A 生词表 word scrolls its sentence into view with room above it, highlights the word for a
 *   moment and moves keyboard focus to it.
 * - Read aloud uses the browser's English voice; when there is none, the button says so.
 */
(() => {
  const reader = /** @type {HTMLElement | null} */ (document.querySelector('.reader'));
  if (!reader) return;
  const words = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.w')]);
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  // ---- one level setting for marking and the vocabulary list ----------------------------------
  const LEVEL_KEY = 'lingwire.level';
  const MARK_KEY = 'lingwire.mark';
  /** The level before the reader picks one: 六级以上. */
  const DEFAULT_LEVEL = 4;
  /** @param {string} key */
  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  }
  /** @param {string} key @param {string} value */
  function save(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage refused (private mode, quota): the setting lasts for this page only.
    }
  }
  const stored = Number(load(LEVEL_KEY));
  let level = Number.isInteger(stored) && stored >= 1 && stored <= 9 ? stored : DEFAULT_LEVEL;
  let marking = load(MARK_KEY) === 'on';

  const tools = document.querySelector('.reader-tools');
  if (tools instanceof HTMLElement) tools.classList.remove('pending');
  const markSelect = document.querySelector('.mark-level');
  const vocabSelect = document.querySelector('.vocab-level');
  const vocabList = document.querySelector('.vocab-list');
  const vocabCount = document.querySelector('.vocab-count');

  /** Shows `level` and `marking` in both selectors, the text and the list. */
  function apply() {
    const mark = marking ? level : 0;
    reader?.setAttribute('data-mark', String(mark));
    for (const word of words) {
      word.classList.toggle('mk', mark > 0 && Number(word.dataset.r) >= mark);
    }
    if (markSelect instanceof HTMLSelectElement) markSelect.value = String(mark);
    if (vocabSelect instanceof HTMLSelectElement) {
      // The list starts at 四级 (its lowest option): a lower level shows the whole list.
      const options = [...vocabSelect.options].map((o) => Number(o.value));
      const shownLevel = Math.max(level, Math.min(...options));
      vocabSelect.value = String(shownLevel);
    }
    if (vocabList instanceof HTMLElement) {
      vocabList.dataset.min = String(level);
      let shown = 0;
      for (const li of /** @type {HTMLElement[]} */ ([...vocabList.children])) {
        li.hidden = Number(li.dataset.r) < level;
        if (!li.hidden) shown++;
      }
      if (vocabCount) vocabCount.textContent = `${shown} 个词`;
    }
  }

  if (markSelect instanceof HTMLSelectElement) {
    markSelect.addEventListener('change', () => {
      const value = Number(markSelect.value);
      marking = value > 0;
      if (marking) level = value;
      save(MARK_KEY, marking ? 'on' : 'off');
      save(LEVEL_KEY, String(level));
      apply();
    });
  }
  if (vocabSelect instanceof HTMLSelectElement) {
    vocabSelect.addEventListener('change', () => {
      level = Number(vocabSelect.value);
      save(LEVEL_KEY, String(level));
      apply();
    });
  }
  apply();

  // ---- the 生词表 jump ---------------------------------------------------------------------------
  document.querySelectorAll('.vocab-word').forEach((link) => {
    link.addEventListener('click', (event) => {
      const id = link.getAttribute('href')?.slice(1);
      const sentence = id ? document.getElementById(id) : null;
      if (!sentence) return;
      event.preventDefault();
      history.pushState(null, '', `#${id}`);
      // A third of the screen above the sentence, so the lines before it are read too.
      const top = sentence.getBoundingClientRect().top + window.scrollY - window.innerHeight / 3;
      window.scrollTo({ top: Math.max(0, top), behavior: reduceMotion ? 'auto' : 'smooth' });
      const key = /** @type {HTMLElement} */ (link).dataset.k;
      const word =
        [.../** @type {NodeListOf<HTMLElement>} */ (sentence.querySelectorAll('.w'))].find(
          (w) => w.dataset.k === key,
        ) ?? sentence;
      word.classList.remove('flash');
      // Restart the animation when the same word is jumped to twice.
      void word.offsetWidth;
      word.classList.add('flash');
      setTimeout(() => word.classList.remove('flash'), 2000);
      if (word.classList.contains('w')) word.focus({ preventScroll: true });
    });
  });

  // ---- read aloud -----------------------------------------------------------------------------
  const sentences = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.s')]);
  const readButton = document.querySelector('.read-aloud');
  const READ = '▶ 朗读 Read aloud';
  const NO_VOICE = '朗读不可用：浏览器没有英文语音 No English voice';
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
    const voice = englishVoice();
    if (!synth || !voice || index < 0 || index >= sentences.length) {
      stopReading();
      if (!voice) showVoice();
      return;
    }
    synth.cancel();
    reading = true;
    sentences.forEach((s, i) => {
      s.classList.toggle('speaking', i === index);
    });
    const sentence = sentences[index];
    if (!sentence) return stopReading();
    sentence.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
    const spoken = /** @type {HTMLElement} */ (sentence.cloneNode(true));
    for (const rt of spoken.querySelectorAll('rt')) rt.remove(); // 注释模式's glosses are not read out
    const utterance = new SpeechSynthesisUtterance(spoken.textContent ?? '');
    utterance.lang = 'en-US';
    utterance.voice = voice;
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
    reader?.classList.add('reading');
  }

  function stopReading() {
    reading = false;
    synth?.cancel();
    for (const s of sentences) s.classList.remove('speaking');
    reader?.classList.remove('reading');
    if (readButton) readButton.textContent = READ;
  }

  /** The button as the voices allow: reads, or says there is no English voice. */
  function showVoice() {
    if (!(readButton instanceof HTMLButtonElement) || reading) return;
    const voice = englishVoice();
    readButton.disabled = !voice;
    readButton.textContent = voice ? READ : NO_VOICE;
  }

  if (readButton instanceof HTMLButtonElement) {
    if (!synth) readButton.hidden = true;
    else {
      // Voices can arrive after load: say "no voice" only when none has come after a moment.
      synth.addEventListener?.('voiceschanged', showVoice);
      if (englishVoice()) showVoice();
      else setTimeout(showVoice, 1500);
    }
    readButton.addEventListener('click', () => (reading ? stopReading() : speakFrom(0)));
  }

  // While reading, a click on a sentence reads from there (`reader.js` leaves such clicks alone).
  reader.addEventListener('click', (event) => {
    if (!reading) return;
    const sentence = /** @type {HTMLElement} */ (event.target).closest('.s');
    if (sentence) speakFrom(sentences.indexOf(/** @type {HTMLElement} */ (sentence)));
  });
})();
