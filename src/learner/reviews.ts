/**
 * Review scheduling with FSRS (`ts-fsrs`, default parameters, no fuzz, so the same answers at the
 * same times give the same schedule). A card's whole state is stored as JSON with its 生词本 entry
 * and read back as it was, so a restart changes nothing.
 */
import { type Card, type CardInput, createEmptyCard, fsrs, type Grade, Rating } from 'ts-fsrs';
import type { ReviewRating } from './model.js';

const scheduler = fsrs({ enable_fuzz: false });

const GRADES: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** The stored form of a card: ts-fsrs's fields, dates as ISO strings. */
function encodeCard(card: Card): string {
  return JSON.stringify(card);
}

/** A new card, due at once: its stored form and due date. */
export function newCard(now: Date): { card: string; due: string } {
  const card = createEmptyCard(now);
  return { card: encodeCard(card), due: card.due.toISOString() };
}

/** The card after answering `rating` at `now`: its stored form and next due date. */
export function reviewCard(stored: string, rating: ReviewRating, now: Date): { card: string; due: string } {
  const card = JSON.parse(stored) as CardInput;
  const next = scheduler.next(card, now, GRADES[rating]).card;
  return { card: encodeCard(next), due: next.due.toISOString() };
}
