/** Europe/Warsaw ↔ UTC, timestamp parsing, and the DST days of every layout against the UTC file. */
import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS,
  LocalClock,
  NONEXISTENT,
  daysFromCivil,
  civilFromDays,
  dstEndUtcMs,
  dstStartUtcMs,
  newTimestamp,
  parseTimestamp,
  warsawLocalOffset,
  warsawLocalToUtc,
  warsawMidnightUtc,
  warsawOffsetMinutes,
  warsawUtcToLocal,
} from '../../../src/ingest/time';
import { parseFile } from '../../../src/ingest/index';
import { hourly, meter, readingsFixture, utf8 } from './fixtures';

const H = 3_600_000;

describe('EU summer time rule', () => {
  it('starts on the last Sunday of March and ends on the last Sunday of October, 01:00 UTC', () => {
    expect(dstStartUtcMs(2025)).toBe(Date.UTC(2025, 2, 30, 1));
    expect(dstEndUtcMs(2025)).toBe(Date.UTC(2025, 9, 26, 1));
    expect(dstStartUtcMs(2024)).toBe(Date.UTC(2024, 2, 31, 1));
    expect(dstEndUtcMs(2024)).toBe(Date.UTC(2024, 9, 27, 1));
    expect(dstStartUtcMs(2026)).toBe(Date.UTC(2026, 2, 29, 1));
    expect(dstEndUtcMs(2026)).toBe(Date.UTC(2026, 9, 25, 1));
  });
  it('gives the Warsaw offset around the changes', () => {
    expect(warsawOffsetMinutes(Date.UTC(2025, 2, 30, 0, 59))).toBe(60);
    expect(warsawOffsetMinutes(Date.UTC(2025, 2, 30, 1))).toBe(120);
    expect(warsawOffsetMinutes(Date.UTC(2025, 9, 26, 0, 59))).toBe(120);
    expect(warsawOffsetMinutes(Date.UTC(2025, 9, 26, 1))).toBe(60);
    expect(warsawUtcToLocal(Date.UTC(2025, 6, 1, 10))).toBe(Date.UTC(2025, 6, 1, 12));
  });
  it('classifies wall-clock times: spring gap and autumn repetition', () => {
    expect(warsawLocalOffset(Date.UTC(2025, 2, 30, 1, 59))).toBe(60);
    expect(warsawLocalOffset(Date.UTC(2025, 2, 30, 2, 30))).toBe(NONEXISTENT);
    expect(warsawLocalOffset(Date.UTC(2025, 2, 30, 3))).toBe(120);
    expect(warsawLocalOffset(Date.UTC(2025, 9, 26, 1, 59))).toBe(120);
    expect(warsawLocalOffset(Date.UTC(2025, 9, 26, 2, 15))).toBe(AMBIGUOUS);
    expect(warsawLocalOffset(Date.UTC(2025, 9, 26, 3))).toBe(60);
    expect(warsawLocalToUtc(Date.UTC(2025, 9, 26, 2, 15))).toBe(Date.UTC(2025, 9, 26, 0, 15));
    expect(warsawLocalToUtc(Date.UTC(2025, 9, 26, 2, 15), true)).toBe(Date.UTC(2025, 9, 26, 1, 15));
  });
  it('has days of 23 and 25 hours', () => {
    const spring = daysFromCivil(2025, 3, 30);
    const autumn = daysFromCivil(2025, 10, 26);
    expect(warsawMidnightUtc(spring + 1) - warsawMidnightUtc(spring)).toBe(23 * H);
    expect(warsawMidnightUtc(autumn + 1) - warsawMidnightUtc(autumn)).toBe(25 * H);
    expect(warsawMidnightUtc(daysFromCivil(2025, 1, 1))).toBe(Date.UTC(2024, 11, 31, 23));
  });
  it('resolves the autumn hour by order of appearance, per series', () => {
    const clock = new LocalClock();
    const t = Date.UTC(2025, 9, 26, 2, 30);
    expect(clock.toUtc(t, 0)).toBe(Date.UTC(2025, 9, 26, 0, 30));
    expect(clock.toUtc(t, 1)).toBe(Date.UTC(2025, 9, 26, 0, 30));
    expect(clock.toUtc(t, 0)).toBe(Date.UTC(2025, 9, 26, 1, 30));
    expect(clock.toUtc(t, 1)).toBe(Date.UTC(2025, 9, 26, 1, 30));
    expect(clock.ambiguous).toBe(4);
  });
  it('round-trips day numbers and the calendar', () => {
    for (const days of [-1, 0, 10957, 20089, 20454, 47482]) {
      const [y, m, d] = civilFromDays(days);
      expect(daysFromCivil(y, m, d)).toBe(days);
      expect(Date.UTC(y, m - 1, d)).toBe(days * 86_400_000);
    }
  });
});

describe('parseTimestamp', () => {
  const ts = newTimestamp();
  const parse = (s: string) => (parseTimestamp(s, ts) ? { ...ts } : undefined);
  it('reads ISO with Z and with offsets', () => {
    expect(parse('2025-01-01T00:15:00Z')).toMatchObject({ naiveMs: Date.UTC(2025, 0, 1, 0, 15), offsetMinutes: 0 });
    expect(parse('2025-03-30T03:00:00+02:00')).toMatchObject({ naiveMs: Date.UTC(2025, 2, 30, 3), offsetMinutes: 120 });
    expect(parse('2025-03-30T03:00+0200')?.offsetMinutes).toBe(120);
    expect(parse('2025-03-30 03:00:00.000-05')?.offsetMinutes).toBe(-300);
  });
  it('reads local labels: hour-ending 24:00, H:MM, Polish day-first dates, bare dates', () => {
    expect(parse('2025-05-01 24:00')).toMatchObject({ naiveMs: Date.UTC(2025, 4, 2), hour24: true, hasTime: true });
    expect(parse('2025-05-01 1:00')).toMatchObject({ naiveMs: Date.UTC(2025, 4, 1, 1), hour24: false });
    expect(parse('01.05.2025 13:45')?.naiveMs).toBe(Date.UTC(2025, 4, 1, 13, 45));
    expect(parse('2025-05-01')).toMatchObject({ naiveMs: Date.UTC(2025, 4, 1), hasTime: false });
    expect(parse(' 2025/05/01 00:59 ')?.naiveMs).toBe(Date.UTC(2025, 4, 1, 0, 59));
  });
  it('reads Excel serial dates', () => {
    expect(parse('45658')).toMatchObject({ naiveMs: Date.UTC(2025, 0, 1), excelSerial: true });
    expect(parse('45658,5')?.naiveMs).toBe(Date.UTC(2025, 0, 1, 12));
    expect(parse('45658.0416666667')?.naiveMs).toBe(Date.UTC(2025, 0, 1, 1));
  });
  it('rejects what is not a timestamp', () => {
    for (const bad of [
      '',
      'abc',
      '2025-13-01 00:00',
      '2025-02-29 00:00',
      '2025-01-01 24:15',
      '2025-01-01 25:00',
      '2025-01-01 00:60',
      '2025-01-01T00:00:00+15:00',
      '2025-01-01 00:00 x',
      '2025-01-01T',
      '3025-01-01',
      '2025-1-1x',
      '12345678',
      '2025-01-011 00:00',
    ]) {
      expect(parse(bad), bad).toBeUndefined();
    }
  });
});

describe('DST days in every layout match the long UTC file', () => {
  const long = readingsFixture('long-utc-15min.csv');
  const referenceHourly = (id: string) => ({
    imp: hourly(meter(long, id).import),
    exp: hourly(meter(long, id).export),
  });
  const expectSameHours = (a: Float64Array, b: Float64Array, label: string) => {
    expect(a.length, label).toBe(b.length);
    let worst = 0;
    let worstAt = -1;
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs(a[i]! - b[i]!);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    expect(worst, `${label}: largest difference at hour ${worstAt}`).toBeLessThan(1e-9);
  };

  it('Tauron: the autumn hour listed twice and the spring hour skipped land on the right UTC hours', () => {
    const tauron = readingsFixture('tauron-elicznik-PL0037910000001001.csv').meters[0]!;
    expect(tauron.startUtcMs).toBe(long.meters[0]!.startUtcMs);
    const ref = referenceHourly('PL0037910000001001');
    expectSameHours(tauron.import, ref.imp, 'import');
    expectSameHours(tauron.export, ref.exp, 'export');
    // Known values from the Tauron file: "2025-10-26 3:00" appears twice (16,535 then 17,534):
    // the first is 00:00–01:00 UTC (02:00–03:00 CEST), the second 01:00–02:00 UTC (02:00–03:00 CET).
    const at = (utc: number) => tauron.import[(utc - tauron.startUtcMs) / H];
    expect(at(Date.UTC(2025, 9, 26, 0))).toBe(16.535);
    expect(at(Date.UTC(2025, 9, 26, 1))).toBe(17.534);
    expect(at(Date.UTC(2025, 9, 26, 2))).toBe(15.231); // "4:00"
    // Spring: "2:00" is 00:00–01:00 UTC, "4:00" (3:00 is skipped) is 01:00–02:00 UTC.
    expect(at(Date.UTC(2025, 2, 30, 0))).toBe(17.29);
    expect(at(Date.UTC(2025, 2, 30, 1))).toBe(15.268);
    // The last label "2025-12-31 24:00" is the hour starting 22:00 UTC.
    expect(at(Date.UTC(2025, 11, 31, 22))).toBe(9.541);
  });

  it('Enea: HH:59 labels with the autumn label repeated', () => {
    const enea = readingsFixture('enea-ebok-PL0037910000001004.csv').meters[0]!;
    const ref = referenceHourly('PL0037910000001004');
    expectSameHours(enea.import, ref.imp, 'import');
    expectSameHours(enea.export, ref.exp, 'export');
    const at = (utc: number) => enea.import[(utc - enea.startUtcMs) / H];
    expect(at(Date.UTC(2025, 9, 26, 0))).toBe(22.898); // first "02:59"
    expect(at(Date.UTC(2025, 9, 26, 1))).toBe(20.304); // second "02:59"
    expect(at(Date.UTC(2025, 2, 30, 1))).toBe(20.922); // "03:59" right after the gap
  });

  it('daily wide: 23 and 25 elapsed hours', () => {
    const daily = readingsFixture('osd-daily-wide-cp1250.csv');
    for (const m of long.meters) {
      const d = meter(daily, m.id);
      const ref = referenceHourly(m.id);
      expectSameHours(d.import, ref.imp, `${m.id} import`);
      expectSameHours(d.export, ref.exp, `${m.id} export`);
    }
  });

  it('wide net: the offsets place every quarter-hour exactly', () => {
    const wide = readingsFixture('wide-local-net-15min.csv');
    for (const m of long.meters) {
      const w = meter(wide, m.id);
      expect(w.startUtcMs).toBe(m.startUtcMs);
      expect(Array.from(w.import)).toEqual(Array.from(m.import));
      expect(Array.from(w.export)).toEqual(Array.from(m.export));
    }
  });

  it('long file: a few known rows', () => {
    const m = meter(long, 'PL0037910000001001');
    const at = (utc: number) => m.import[(utc - m.startUtcMs) / (15 * 60_000)];
    expect(at(Date.UTC(2024, 11, 31, 23, 0))).toBe(2.669);
    expect(at(Date.UTC(2024, 11, 31, 23, 15))).toBe(2.847);
    expect(at(Date.UTC(2025, 0, 1, 0, 0))).toBe(2.039);
  });
});

describe('naive local 15-minute labels', () => {
  it('place the autumn quarter-hours by order and skip the spring gap', () => {
    const rows = ['ppe;czas;import;export'];
    const labels = [
      '2025-10-26 01:45',
      '2025-10-26 02:00',
      '2025-10-26 02:15',
      '2025-10-26 02:30',
      '2025-10-26 02:45',
      '2025-10-26 02:00',
      '2025-10-26 02:15',
      '2025-10-26 02:30',
      '2025-10-26 02:45',
      '2025-10-26 03:00',
    ];
    labels.forEach((l, i) => rows.push(`X;${l};${i + 1};0`));
    const p = parseFile('x.csv', utf8(rows.join('\n')));
    if (p.kind !== 'readings') throw new Error('not readings');
    expect(p.detection.timeConvention).toBe('local-start');
    const m = p.meters[0]!;
    expect(m.startUtcMs).toBe(Date.UTC(2025, 9, 25, 23, 45));
    expect(Array.from(m.import)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('drop a zero listed for the skipped spring hour, with a warning', () => {
    const p = parseFile(
      'PL0037910000009999.csv',
      utf8(
        'Data;Strefa;Wartość kWh;Rodzaj;\n2025-03-30 2:00;T2;1,0;pobór;\n2025-03-30 3:00;T2;0,0;pobór;\n2025-03-30 4:00;T2;2,0;pobór;\n',
      ),
    );
    if (p.kind !== 'readings') throw new Error('not readings');
    expect(p.meters[0]!.id).toBe('PL0037910000009999');
    expect(Array.from(p.meters[0]!.import)).toEqual([1, 2]);
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2025, 2, 30, 0));
    expect(p.warnings.map((w) => w.code)).toContain('dst-gap');
  });
});
