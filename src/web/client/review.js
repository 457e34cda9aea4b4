// @ts-check
/**
 * The review page: the learner's due 生词本 cards from `GET /api/me/reviews/due`, one at a time:
 * the word in its sentence, Space (or the button) reveals the meaning, then Again / Hard / Good /
 * Easy by button or keys 1–4 (`POST /api/me/reviews`). The header's due count follows.
 */

/**
 * @typedef {object} Card
 * @property {number} id
 * @property {string} word
 * @property {string} lemma
 * @property {string} sentence
 * @property {string} meaning
 * @property {string} note
 * @property {string} due
 */

(() => {
  const status = document.querySelector('[data-review-status]');
  const cardBox = document.querySelector('[data-review-card]');
  const sentence = document.querySelector('[data-review-sentence]');
  const answer = document.querySelector('[data-review-answer]');
  const show = document.querySelector('[data-review-show]');
  const grades = document.querySelector('[data-review-grades]');
  if (
    !(status instanceof HTMLElement) ||
    !(cardBox instanceof HTMLElement) ||
    !(sentence instanceof HTMLElement) ||
    !(answer instanceof HTMLElement) ||
    !(show instanceof HTMLButtonElement) ||
    !(grades instanceof HTMLElement)
  )
    return;
  const ui = { status, cardBox, sentence, answer, show, grades };

  /** @type {Card[]} */
  let cards = [];
  let csrf = '';
  let busy = false;

  /** The sentence with the word marked. @param {Card} card */
  function renderSentence(card) {
    ui.sentence.replaceChildren();
    const at = card.sentence.toLowerCase().indexOf(card.word.toLowerCase());
    if (at < 0) {
      ui.sentence.append(card.sentence, ' ');
      ui.sentence.append(Object.assign(document.createElement('mark'), { textContent: card.word }));
      return;
    }
    const mark = document.createElement('mark');
    mark.textContent = card.sentence.slice(at, at + card.word.length);
    ui.sentence.append(card.sentence.slice(0, at), mark, card.sentence.slice(at + card.word.length));
  }

  function next() {
    const card = cards[0];
    ui.answer.hidden = true;
    ui.grades.hidden = true;
    ui.show.hidden = false;
    if (!card) {
      ui.cardBox.hidden = true;
      ui.status.textContent = '今天没有要复习的词了。 Nothing is due now.';
      return;
    }
    ui.cardBox.hidden = false;
    ui.status.textContent = `到期 ${cards.length} 个 Due`;
    renderSentence(card);
    ui.answer.replaceChildren();
    const word = document.createElement('strong');
    word.lang = 'en';
    word.textContent = card.lemma === card.word.toLowerCase() ? card.word : `${card.word} (${card.lemma})`;
    ui.answer.append(word, ' ', card.meaning || '（没有释义）');
    if (card.note) ui.answer.append(document.createElement('br'), card.note);
  }

  function reveal() {
    if (!cards[0] || !ui.answer.hidden) return;
    ui.answer.hidden = false;
    ui.grades.hidden = false;
    ui.show.hidden = true;
    ui.grades.querySelector('button')?.focus();
  }

  /** @param {string} rating */
  async function grade(rating) {
    const card = cards[0];
    if (!card || busy || ui.grades.hidden) return;
    busy = true;
    try {
      const r = await fetch('/api/me/reviews', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ entry: card.id, rating }),
      });
      if (!r.ok) throw new Error(`review failed: ${r.status}`);
      cards.shift();
      document.dispatchEvent(new CustomEvent('lingwire:due-changed'));
      next();
    } catch (error) {
      ui.status.textContent = /** @type {Error} */ (error).message;
    } finally {
      busy = false;
    }
  }

  ui.show.addEventListener('click', reveal);
  for (const button of ui.grades.querySelectorAll('button')) {
    button.addEventListener('click', () => void grade(button.dataset.rating ?? ''));
  }
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !cards[0]) return;
    if (event.key === ' ' && ui.answer.hidden) {
      event.preventDefault();
      reveal();
      return;
    }
    const rating = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' }[event.key];
    if (rating && !ui.grades.hidden) {
      event.preventDefault();
      void grade(rating);
    }
  });

  async function start() {
    const w = /** @type {any} */ (window);
    const pending = w.lingwireSession ?? fetch('/api/auth/session').then((r) => r.json());
    const info = /** @type {{ user: unknown, csrfToken: string | null }} */ (await pending);
    if (!info.user) return;
    csrf = info.csrfToken ?? '';
    const r = await fetch('/api/me/reviews/due', { credentials: 'same-origin' });
    if (!r.ok) return;
    cards = /** @type {{ cards: Card[] }} */ (await r.json()).cards;
    next();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
  else void start();
})();
