/** dataFingerprint: the readings decide, not file names, file splitting or member order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterData, Member, MeterSeries } from '../../../src/ingest/cluster-data';
import { assembleCluster, parseFile } from '../../../src/ingest/index';
import { dataFingerprint } from '../../../src/scenario/fingerprint';
import { fixtureBytes, utf8 } from '../ingest/fixtures';

const member = (id: string, name = ''): Member => ({
  id,
  name,
  type: 'household',
  tariff: 'G11',
  gmina: 'Staszów',
  pvKwp: 0,
  windKw: 0,
  biogasKw: 0,
});

/** A small cluster: `n` members × `intervals` quarter-hours of made-up readings. */
function cluster(n = 5, intervals = 96): ClusterData {
  const imports = new Float64Array(n * intervals);
  const exports = new Float64Array(n * intervals);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < intervals; k++) {
      imports[i * intervals + k] = Math.round((0.2 + 0.1 * i + Math.sin(k / 7) ** 2) * 1000) / 1000;
      exports[i * intervals + k] = i % 2 === 0 && k > 30 && k < 70 ? Math.round(Math.sin((k - 30) / 13) * 3000) / 1000 : 0;
    }
  }
  return {
    members: Array.from({ length: n }, (_, i) => member(`59024387600000${String(i).padStart(4, '0')}`, `Member ${i}`)),
    stepMinutes: 15,
    startUtcMs: Date.UTC(2024, 11, 31, 23),
    intervals,
    imports,
    exports,
  };
}

/** The same cluster with its members in the given order. */
function reorder(data: ClusterData, order: number[]): ClusterData {
  const n = data.intervals;
  const take = (a: Float64Array) => {
    const out = new Float64Array(a.length);
    order.forEach((from, to) => out.set(a.subarray(from * n, (from + 1) * n), to * n));
    return out;
  };
  return { ...data, members: order.map((i) => data.members[i]), imports: take(data.imports), exports: take(data.exports) };
}

function edited(data: ClusterData, edit: (d: ClusterData) => void): ClusterData {
  const d = {
    ...data,
    members: data.members.map((m) => ({ ...m })),
    imports: data.imports.slice(),
    exports: data.exports.slice(),
  };
  edit(d);
  return d;
}

describe('dataFingerprint', () => {
  it('is 16 hex digits and the same every time', () => {
    const data = cluster();
    expect(dataFingerprint(data)).toMatch(/^[0-9a-f]{16}$/);
    expect(dataFingerprint(data)).toBe(dataFingerprint(cluster()));
  });

  it('does not depend on member order', () => {
    const data = cluster();
    const f = dataFingerprint(data);
    expect(dataFingerprint(reorder(data, [4, 3, 2, 1, 0]))).toBe(f);
    expect(dataFingerprint(reorder(data, [2, 0, 4, 1, 3]))).toBe(f);
  });

  it('does not depend on the register: names, types, tariffs; ids match ignoring spaces and case', () => {
    const data = cluster();
    const f = dataFingerprint(data);
    expect(
      dataFingerprint(
        edited(data, (d) => {
          d.members = d.members.map((m, i) => ({ ...m, name: `Inna nazwa ${i}`, type: 'business', tariff: 'C11', pvKwp: 50 }));
        }),
      ),
    ).toBe(f);
    expect(
      dataFingerprint(edited(data, (d) => (d.members[0].id = `${d.members[0].id.slice(0, 3)} ${d.members[0].id.slice(3)}`))),
    ).toBe(f);
    const pl = edited(data, (d) => (d.members[1].id = 'PL0037910000001001'));
    expect(dataFingerprint(edited(pl, (d) => (d.members[1].id = 'pl0037910000001001')))).toBe(dataFingerprint(pl));
  });

  it('changes when any one value changes by 0.001 kWh', () => {
    const data = cluster();
    const f = dataFingerprint(data);
    const seen = new Set([f]);
    for (const register of ['imports', 'exports'] as const) {
      for (const at of [0, 1, 95, 96, 200, 479]) {
        for (const delta of [0.001, -0.001, 0.00001]) {
          const g = dataFingerprint(
            edited(
              data,
              (d) => (d[register][at] = Math.max(0, d[register][at] + delta) + (d[register][at] === 0 && delta < 0 ? 0.001 : 0)),
            ),
          );
          expect(g, `${register}[${at}] ${delta}`).not.toBe(f);
          seen.add(g);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });

  it('ignores differences below 1e-6 kWh (the rounding of a re-saved file)', () => {
    const data = cluster();
    expect(dataFingerprint(edited(data, (d) => (d.imports[10] += 1e-9)))).toBe(dataFingerprint(data));
  });

  it('changes with the grid, an id, or values moved between members or registers', () => {
    const data = cluster();
    const f = dataFingerprint(data);
    const n = data.intervals;
    const variants = [
      edited(data, (d) => (d.stepMinutes = 60)),
      edited(data, (d) => (d.startUtcMs += 15 * 60_000)),
      edited(data, (d) => (d.members[2].id = '590243876000009999')),
      edited(data, (d) => {
        const a = d.imports.slice(0, n);
        d.imports.copyWithin(0, n, 2 * n);
        d.imports.set(a, n);
      }),
      edited(data, (d) => {
        const a = d.imports;
        d.imports = d.exports;
        d.exports = a;
      }),
      // one more interval of zeros
      (() => {
        const m = data.members.length;
        const grow = (a: Float64Array) => {
          const out = new Float64Array(m * (n + 1));
          for (let i = 0; i < m; i++) out.set(a.subarray(i * n, (i + 1) * n), i * (n + 1));
          return out;
        };
        return { ...data, intervals: n + 1, imports: grow(data.imports), exports: grow(data.exports) };
      })(),
      // one member fewer
      {
        ...data,
        members: data.members.slice(0, 4),
        imports: data.imports.slice(0, 4 * n),
        exports: data.exports.slice(0, 4 * n),
      },
    ];
    const prints = variants.map(dataFingerprint);
    for (const p of prints) expect(p).not.toBe(f);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('missing or impossible values hash apart from zero and from each other, and never throw', () => {
    const data = cluster();
    const prints = [0, NaN, Infinity, -Infinity, 1e12, -0.5].map((x) => dataFingerprint(edited(data, (d) => (d.imports[5] = x))));
    expect(new Set(prints).size).toBe(prints.length);
    expect(dataFingerprint(edited(data, (d) => (d.imports[5] = -0)))).toBe(prints[0]);
  });

  it('different small clusters get different fingerprints', () => {
    const seen = new Map<string, string>();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((m) =>
          fc.record({
            m: fc.constant(m),
            values: fc.array(
              fc.integer({ min: 0, max: 5000 }).map((x) => x / 1000),
              { minLength: m * 8, maxLength: m * 8 },
            ),
          }),
        ),
        ({ m, values }) => {
          const data: ClusterData = {
            members: Array.from({ length: m }, (_, i) => member(`M${i}`)),
            stepMinutes: 15,
            startUtcMs: 0,
            intervals: 4,
            imports: Float64Array.from(values.slice(0, m * 4)),
            exports: Float64Array.from(values.slice(m * 4)),
          };
          const key = JSON.stringify([m, values]);
          const f = dataFingerprint(data);
          const before = seen.get(f);
          expect(before === undefined || before === key, `${key} and ${before} share ${f}`).toBe(true);
          seen.set(f, key);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('dataFingerprint on imported files', () => {
  const text = new TextDecoder().decode(fixtureBytes('long-utc-15min.csv'));
  const [header, ...rows] = text.trimEnd().split('\n');
  const readings = (name: string, lines: string[]): MeterSeries[] => {
    const p = parseFile(name, utf8([header, ...lines].join('\n')));
    if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
    return p.meters;
  };
  const fingerprint = (series: MeterSeries[]) => dataFingerprint(assembleCluster(series, []).data);
  const whole = fingerprint(readings('klaster-2025.csv', rows));

  it('one file, or the same rows split by member into files loaded in another order', () => {
    const ppe = (line: string) => line.slice(0, line.indexOf(','));
    const ids = [...new Set(rows.map(ppe))];
    expect(ids.length).toBeGreaterThan(3);
    const first = new Set(ids.filter((_, i) => i % 2 === 1));
    const a = readings(
      'czesc-a.csv',
      rows.filter((r) => first.has(ppe(r))),
    );
    const b = readings(
      'czesc-b.csv',
      rows.filter((r) => !first.has(ppe(r))),
    );
    expect(fingerprint([...a, ...b])).toBe(whole);
    expect(fingerprint([...b, ...a])).toBe(whole);
  });

  it('the same rows split in time (first half of the year, second half)', () => {
    const stamp = (line: string) => line.split(',')[1];
    const cut = '2025-07-01T00:00:00Z';
    const h1 = readings(
      'h1.csv',
      rows.filter((r) => stamp(r) < cut),
    );
    const h2 = readings(
      'h2.csv',
      rows.filter((r) => stamp(r) >= cut),
    );
    expect(fingerprint([...h2, ...h1])).toBe(whole);
  });

  it('the same readings in another layout: wide, local time, net values, decimal comma', () => {
    const wide = parseFile('wide-local-net-15min.csv', fixtureBytes('wide-local-net-15min.csv'));
    if (wide.kind !== 'readings') throw new Error('not readings');
    expect(fingerprint(wide.meters)).toBe(whole);
  });

  it('one reading changed by 0.001 kWh changes it', () => {
    const i = rows.findIndex((r) => /,\d+\.\d{3},/.test(r) && !r.includes(',0.000,'));
    const [ppe, ts, imp, exp] = rows[i].split(',');
    const changed = [...rows];
    changed[i] = [ppe, ts, (Number(imp) + 0.001).toFixed(3), exp].join(',');
    expect(fingerprint(readings('klaster-2025.csv', changed))).not.toBe(whole);
  });
});
