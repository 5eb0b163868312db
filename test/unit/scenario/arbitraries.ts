/** fast-check arbitraries of valid scenarios (by construction: the schema must accept them all). */
import fc from 'fast-check';
import { meterKey } from '../../../src/ingest/names';
import {
  ALLOCATION_KEYS,
  BIOGAS_MODES,
  MAX_VARIANTS,
  STANDARD_PROFILES,
  WINDOW_MINUTES,
  type Added,
  type CommunityBattery,
  type Scenario,
  type Variants,
} from '../../../src/scenario/model';

/** Records with an ordinary prototype (fast-check may otherwise make null-prototype objects). */
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> => fc.record(model, { noNullPrototype: true });

/** A finite double in [min, max]. */
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0); // no -0: parsing makes it 0
/** A finite double in (0, max]. */
const pos = (max: number) => fc.double({ min: 0, max, noNaN: true, minExcluded: true });

/** PPEs as they come: 590… codes, PL… codes, and the odd meter name. */
const ppeArb = fc.oneof(
  fc.stringMatching(/^590\d{15}$/),
  fc.stringMatching(/^PL[0-9A-Z]{16}$/),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.ąęłóśżź-]{0,20}[A-Za-z0-9]$/),
);

/** Added ids: no dash (so no id can equal another's `<id>-N`), unique ignoring case and spaces. */
const idArb = fc.stringMatching(/^[A-Za-z0-9ĄŁŻąłż_][A-Za-z0-9ĄŁŻąłż_ .]{0,14}[A-Za-z0-9]$/);

const batteryArb: fc.Arbitrary<CommunityBattery> = record({
  capacity_kwh: pos(50_000),
  power_kw: pos(20_000),
  round_trip: pos(1),
  min: fc.option(num(0, 0.4), { nil: undefined }),
  max: fc.option(num(0.5, 1), { nil: undefined }),
  dispatch: fc.constantFrom('self-consumption', 'peak-shaving' as const),
  limit: fc.option(num(0, 5000), { nil: undefined }),
})
  .map(({ capacity_kwh, power_kw, round_trip, min, max, dispatch, limit }) => {
    const b: CommunityBattery = { capacity_kwh, power_kw, round_trip, dispatch };
    if (min !== undefined) b.soc_min_kwh = capacity_kwh * min;
    if (max !== undefined) b.soc_max_kwh = Math.min(capacity_kwh, capacity_kwh * max);
    if (dispatch === 'peak-shaving' || limit !== undefined) b.import_limit_kw = limit ?? 100;
    return b;
  })
  .filter((b) => (b.soc_max_kwh ?? b.capacity_kwh) > (b.soc_min_kwh ?? 0) && (b.soc_max_kwh ?? 1) > 0);

function addedArb(id: string, members: string[]): fc.Arbitrary<Added> {
  const member = members.length > 0 ? fc.option(fc.constantFrom(...members), { nil: undefined }) : fc.constant(undefined);
  const withMember = <T extends object>(arb: fc.Arbitrary<T>) =>
    fc.tuple(arb, member).map(([x, m]) => (m === undefined ? x : { ...x, member: m }));
  return fc.oneof(
    withMember(
      record({
        type: fc.constant('pv' as const),
        id: fc.constant(id),
        kwp: pos(100_000),
        tilt: fc.oneof(fc.constant(35), num(0, 90)),
        azimuth: fc.oneof(fc.constant(180), num(0, 360)),
        lat: fc.oneof(fc.constant(50.56), num(-90, 90)),
        lon: fc.oneof(fc.constant(21.17), num(-180, 180)),
        losses: fc.oneof(fc.constant(0.14), num(0, 0.99)),
      }),
    ),
    withMember(
      record({
        type: fc.constant('wind' as const),
        id: fc.constant(id),
        kw: pos(50_000),
        hub_height_m: fc.oneof(fc.constant(100), pos(300)),
      }),
    ),
    withMember(
      record({
        type: fc.constant('biogas' as const),
        id: fc.constant(id),
        kw: pos(10_000),
        availability: fc.oneof(fc.constant(0.9), num(0, 1)),
        mode: fc.constantFrom(...BIOGAS_MODES),
      }),
    ),
    withMember(
      record({
        type: fc.constant('profile' as const),
        id: fc.constant(id),
        file: fc.stringMatching(/^[A-Za-z0-9_ -]{1,30}\.(csv|parquet)$/),
        scale: fc.oneof(fc.constant(1), pos(1000)),
      }),
    ),
    record({
      type: fc.constant('consumer' as const),
      id: fc.constant(id),
      profile: fc.constantFrom(...STANDARD_PROFILES),
      annual_kwh: pos(10_000_000),
      count: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 10_000 })),
    }),
  );
}

/** Any valid, complete scenario (every defaulted field present, as parseScenario returns it). */
export const scenarioArb: fc.Arbitrary<Scenario> = fc.uniqueArray(ppeArb, { maxLength: 8, selector: meterKey }).chain((pool) => {
  const subset = fc.subarray(pool);
  return fc
    .record(
      {
        excluded: subset,
        ids: fc.uniqueArray(idArb, { maxLength: 10, selector: meterKey }),
      },
      { noNullPrototype: true },
    )
    .chain(({ excluded, ids }) => {
      const keep = pool.filter((p) => !excluded.includes(p));
      const byMember = <T>(value: fc.Arbitrary<T>) =>
        fc
          .subarray(pool)
          .chain((keys) => fc.tuple(...keys.map(() => value)).map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]]))));
      return fc.record(
        {
          version: fc.constant(2 as const),
          name: fc.string({ maxLength: 100 }),
          seed: fc.integer({ min: 0, max: 4_294_967_295 }),
          window_minutes: fc.constantFrom(...WINDOW_MINUTES),
          key: fc.constantFrom(...ALLOCATION_KEYS),
          shares: byMember(num(0, 1)).map((s) => {
            const total = Object.values(s).reduce((a, x) => a + x, 0);
            return total > 1 ? Object.fromEntries(Object.entries(s).map(([k, x]) => [k, Math.min(1, x / total)])) : s;
          }),
          order: fc.shuffledSubarray(pool),
          battery: fc.option(batteryArb, { nil: null }),
          behind_meter: byMember(record({ capacity_kwh: pos(1000), power_kw: pos(500), round_trip: pos(1) })),
          exclude: fc.constant(excluded),
          scale: byMember(num(0, 1000)),
          add: fc.tuple(...ids.map((id) => addedArb(id, keep))),
          // Prices have a schema of their own (money/schema.ts): valid ones only.
          money: fc.record(
            {
              internal_price: fc.double({ min: 0, max: 2, noNaN: true }),
              discount_rate: fc.double({ min: 0, max: 0.2, noNaN: true }),
              horizon_years: fc.integer({ min: 1, max: 40 }),
            },
            { requiredKeys: [], noNullPrototype: true },
          ),
          // Rule parameters have a schema of their own (rules-schema.ts): valid ones only.
          rules: fc.record(
            {
              year: fc.integer({ min: 2024, max: 2030 }),
              capacity_coverage: fc.double({ min: 0, max: 0.99, noNaN: true }),
              max_capacity_mw: fc.double({ min: 1, max: 500, noNaN: true }),
            },
            { requiredKeys: [], noNullPrototype: true },
          ),
        },
        {
          noNullPrototype: true,
          requiredKeys: [
            'version',
            'window_minutes',
            'key',
            'shares',
            'order',
            'battery',
            'behind_meter',
            'exclude',
            'scale',
            'add',
          ],
        },
      );
    });
}) as fc.Arbitrary<Scenario>;

export const variantsArb: fc.Arbitrary<Variants> = fc.record(
  {
    current: scenarioArb,
    variants: fc.array(scenarioArb, { maxLength: MAX_VARIANTS }),
    fingerprint: fc.stringMatching(/^[0-9a-f]{16}$/),
  },
  { noNullPrototype: true, requiredKeys: ['current', 'variants'] },
);
