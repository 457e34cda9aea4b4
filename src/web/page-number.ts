import { AppError } from '../core/errors.js';

/** A `?page=` value: a whole number from 1 (absent means 1). */
export function parsePageNumber(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) {
    throw new AppError('BAD_INPUT', `page must be a whole number from 1, not "${String(value)}".`);
  }
  return Number(value);
}
