/** Polish public holidays: Easter dates, the fixed list, and the 2011 and 2025 changes. */
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../../src/ingest/time';
import { easterSunday, isPolishHoliday, polishHolidays } from '../../../src/models/holidays';

const mmdd = (days: number) => {
  const [, m, d] = civilFromDays(days);
  return `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

describe('Polish public holidays', () => {
  it.each([
    [2000, '04-23'],
    [2019, '04-21'],
    [2024, '03-31'],
    [2025, '04-20'],
    [2026, '04-05'],
    [2027, '03-28'],
    [2038, '04-25'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(mmdd(easterSunday(year))).toBe(date);
  });

  it('2025: fourteen days, Christmas Eve included (the list scripts/generate-demo.mjs uses)', () => {
    expect(polishHolidays(2025).map((h) => mmdd(h.days))).toEqual([
      '01-01',
      '01-06',
      '04-20',
      '04-21',
      '05-01',
      '05-03',
      '06-08',
      '06-19',
      '08-15',
      '11-01',
      '11-11',
      '12-24',
      '12-25',
      '12-26',
    ]);
  });

  it('Christmas Eve only from 2025, Epiphany only from 2011', () => {
    expect(isPolishHoliday(daysFromCivil(2024, 12, 24))).toBe(false);
    expect(isPolishHoliday(daysFromCivil(2026, 12, 24))).toBe(true);
    expect(isPolishHoliday(daysFromCivil(2010, 1, 6))).toBe(false);
    expect(isPolishHoliday(daysFromCivil(2011, 1, 6))).toBe(true);
    expect(polishHolidays(2024)).toHaveLength(13);
  });

  it('Corpus Christi is a Thursday, 60 days after Easter; Pentecost a Sunday, 49 days after', () => {
    for (let year = 1990; year <= 2100; year++) {
      const list = polishHolidays(year);
      const corpus = list.find((h) => h.name === 'Boże Ciało')!.days;
      const pentecost = list.find((h) => h.name === 'Zielone Świątki')!.days;
      expect((((corpus + 4) % 7) + 7) % 7).toBe(4);
      expect((((pentecost + 4) % 7) + 7) % 7).toBe(0);
      expect((((easterSunday(year) + 4) % 7) + 7) % 7).toBe(0);
    }
  });
});
