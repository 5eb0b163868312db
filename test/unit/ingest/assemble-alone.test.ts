/**
 * A meter's only series placed straight on the grid (placeAlone, assemble.ts) gives exactly the
 * cluster and report of the general path (per-series cells, then merged): steps, starts on and
 * off the grid, periods that cut the series, missing values, registers a file does not carry,
 * gross generation, and members with several series beside.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleCluster, placeAlone } from '../../../src/ingest/assemble';
import type { MeterSeries } from '../../../src/ingest/cluster-data';

afterEach(() => {
  placeAlone.enabled = true;
});

const HOUR = 3_600_000;
const QUARTER = 900_000;
const T0 = Date.UTC(2025, 0, 1);

const value = fc.oneof(fc.constant(NaN), fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true }));

const series = fc
  .record({
    id: fc.constantFrom('PL1', 'PL2', 'pl 2', 'PL3', 'PL4'),
    step: fc.constantFrom(15, 60),
    startQuarter: fc.integer({ min: -8, max: 40 }),
    length: fc.integer({ min: 0, max: 40 }),
    withGeneration: fc.boolean(),
    zeroExport: fc.boolean(),
  })
  .chain((p) =>
    fc
      .tuple(
        fc.array(value, { minLength: p.length, maxLength: p.length }),
        fc.array(value, { minLength: p.length, maxLength: p.length }),
        fc.array(value, { minLength: p.length, maxLength: p.length }),
      )
      .map(([imp, exp, gen]): MeterSeries => {
        // An hourly series starts on a whole hour (as its file's readings do), or a quarter off it.
        const start = T0 + p.startQuarter * QUARTER;
        return {
          id: p.id,
          stepMinutes: p.step,
          startUtcMs: start,
          import: Float64Array.from(imp),
          export: p.zeroExport ? new Float64Array(p.length) : Float64Array.from(exp),
          ...(p.withGeneration ? { generation: Float64Array.from(gen) } : {}),
        };
      }),
  );

function bothWays(s: MeterSeries[], options: Parameters<typeof assembleCluster>[2]) {
  const run = () => {
    try {
      return {
        ok: assembleCluster(
          s,
          [
            {
              id: 'PL3',
              name: 'Szkoła',
              type: 'public',
              tariff: 'C11',
              gmina: 'Staszów',
              pvKwp: 0,
              windKw: 0,
              biogasKw: 0,
              registered: true,
            },
          ],
          options,
        ),
      };
    } catch (e) {
      return { error: String(e) };
    }
  };
  placeAlone.enabled = true;
  const fast = run();
  placeAlone.enabled = false;
  const general = run();
  return { fast, general };
}

describe('a meter with one series, placed alone', () => {
  it('gives the general path’s cluster and report', () => {
    fc.assert(
      fc.property(
        fc.array(series, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(undefined, 15, 60),
        fc.constantFrom('zero', 'nan'),
        fc.option(fc.tuple(fc.integer({ min: -2, max: 6 }), fc.integer({ min: 1, max: 10 }))),
        (s, step, missing, period) => {
          const options = {
            ...(step ? { stepMinutes: step as 15 | 60 } : {}),
            missing: missing as 'zero' | 'nan',
            ...(period ? { period: { fromUtcMs: T0 + period[0] * HOUR, toUtcMs: T0 + (period[0] + period[1]) * HOUR } } : {}),
          };
          const { fast, general } = bothWays(s, options);
          expect(fast).toStrictEqual(general);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is taken for a member with one file on a grid of its step, not for two files or another step', () => {
    const s: MeterSeries = {
      id: 'PL1',
      stepMinutes: 60,
      startUtcMs: T0,
      import: new Float64Array([1, NaN, 2]),
      export: new Float64Array([0, 1, NaN]),
    };
    const before = placeAlone.placed;
    const { data } = assembleCluster([s], []);
    expect([...data.imports]).toEqual([1, 0, 2]);
    expect([...data.exports]).toEqual([0, 1, 0]);
    expect(placeAlone.placed - before).toBe(1);
    assembleCluster([s, { ...s, startUtcMs: T0 + 3 * HOUR }], []);
    assembleCluster([s], [], { stepMinutes: 15 });
    expect(placeAlone.placed - before).toBe(1);
  });
});
