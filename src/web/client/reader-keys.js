// @ts-check
/**
 * Moving between the story's words from the keyboard. The body is one tab stop (a roving
 * tabindex: whichever word has focus is it); ←/→ move by word, ↑/↓ by line (to the word on the
 * next line nearest across), Home/End to the first/last word of the paragraph, and Enter or Space
 * clicks the word, which opens its popup (`reader.js`), or, while reading aloud, reads from there
 * (`reader-tools.js`).
 */
(() => {
  const reader = /** @type {HTMLElement | null} */ (document.querySelector('.reader'));
  if (!reader) return;
  const words = /** @type {HTMLElement[]} */ ([...reader.querySelectorAll('.w')]);

  // Whichever word has focus (arrows, a click, the 生词表 jump) is the body's one tab stop.
  reader.addEventListener('focusin', (event) => {
    const word = /** @type {HTMLElement} */ (event.target);
    if (!word.classList?.contains('w') || word.tabIndex === 0) return;
    for (const w of words) if (w.tabIndex === 0) w.tabIndex = -1;
    word.tabIndex = 0;
  });

  /**
   * The word on the next (`direction` 1) or previous (-1) line nearest across to `from`, or null.
   * @param {number} index
   * @param {1 | -1} direction
   */
  function wordOnNextLine(index, direction) {
    const from = words[index]?.getClientRects()[0];
    if (!from) return null;
    const x = from.left + from.width / 2;
    /** @type {number | null} */
    let lineTop = null;
    /** @type {HTMLElement | null} */
    let best = null;
    let bestDistance = Infinity;
    for (let i = index + direction; i >= 0 && i < words.length; i += direction) {
      const word = /** @type {HTMLElement} */ (words[i]);
      const rects = word.getClientRects();
      const rect = direction > 0 ? rects[0] : rects[rects.length - 1];
      if (!rect) continue;
      const moved = direction > 0 ? rect.top >= from.bottom - 2 : rect.bottom <= from.top + 2;
      if (lineTop === null) {
        if (!moved) continue;
        lineTop = rect.top;
      } else if (Math.abs(rect.top - lineTop) > rect.height / 2) break;
      const distance = Math.abs(rect.left + rect.width / 2 - x);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = word;
      }
    }
    return best;
  }

  reader.addEventListener('keydown', (event) => {
    const word = /** @type {HTMLElement} */ (event.target);
    if (!word.classList?.contains('w')) return;
    const index = words.indexOf(word);
    /** @type {HTMLElement | null | undefined} */
    let to = null;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      word.click();
      return;
    }
    if (event.key === 'ArrowRight') to = words[Math.min(words.length - 1, index + 1)];
    else if (event.key === 'ArrowLeft') to = words[Math.max(0, index - 1)];
    else if (event.key === 'ArrowDown') to = wordOnNextLine(index, 1) ?? words[words.length - 1];
    else if (event.key === 'ArrowUp') to = wordOnNextLine(index, -1) ?? words[0];
    else if (event.key === 'Home' || event.key === 'End') {
      const inParagraph = /** @type {HTMLElement[]} */ ([
        ...(word.closest('p')?.querySelectorAll('.w') ?? []),
      ]);
      to = event.key === 'Home' ? inParagraph[0] : inParagraph[inParagraph.length - 1];
    } else return;
    event.preventDefault();
    to?.focus();
  });
})();
