import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it.each([
    [
      'The government said on Tuesday that it would raise the minimum wage next year, after months of talks with unions.',
      'en',
    ],
    [
      'Le gouvernement a annoncé mardi une hausse du salaire minimum pour l’année prochaine, après des mois de discussions.',
      'fr',
    ],
    [
      'Die Regierung kündigte am Dienstag an, den Mindestlohn im nächsten Jahr nach monatelangen Gesprächen zu erhöhen.',
      'de',
    ],
    [
      'El gobierno anunció el martes que subirá el salario mínimo el próximo año, tras meses de negociaciones con sindicatos.',
      'es',
    ],
    [
      '政府周二宣布，经过与工会数月的谈判，明年将提高最低工资标准，以帮助低收入家庭应对物价上涨的压力。',
      'zh',
    ],
    [
      'Правительство во вторник объявило о повышении минимальной заработной платы в следующем году после переговоров.',
      'ru',
    ],
  ])('%s → %s', (text, code) => {
    expect(detectLanguage(text)).toBe(code);
  });

  it('says nothing about text too short to tell', () => {
    expect(detectLanguage('Hello there')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});
