/**
 * Tariffs as data (CLUSTERS.md §5.1): every tariff group a cluster member may have, with its time
 * zones, per-kWh rates, fixed monthly charge and capacity fee. The shapes are the scenario's
 * `money.tariffs` JSON (snake_case), so a tariff typed in the page, written in a CLI scenario file
 * or carried by a link is the same object the bills are computed from.
 *
 * Every default value carries where it comes from and of when (`DEFAULT_TARIFF_SOURCES`, keyed by
 * the same field paths the schema reports problems on, e.g. `zones[1].network`), so the page can
 * show the source and date beside each number. Values §5.1 does not give are typical Polish DSO
 * definitions, marked `typical` ("typical, check your DSO's tariff").
 *
 * All prices are PLN net of VAT; energy prices include the excise duty.
 */

/** The groups a member may have (letter = voltage, first digit = contracted power, second = zones). */
export const TARIFF_GROUPS = ['G11', 'G12', 'G12w', 'C11', 'C12a', 'C12b', 'C21', 'C22a', 'B21', 'B23'] as const;
export type TariffGroup = (typeof TARIFF_GROUPS)[number];

/** `workdays` = Monday–Friday except Polish public holidays; `free` = Saturdays, Sundays, holidays. */
export const DAY_TYPES = ['workdays', 'free'] as const;
export type DayType = (typeof DAY_TYPES)[number];

/** Whole local hours `[from, to)`; `from > to` wraps past midnight (`[22, 6]`), `[0, 24]` is all day. */
export type HourRange = [from: number, to: number];

/** A time zone of a tariff: the first zone that matches a window's local hour, month and day wins. */
export interface TariffZone {
  name: string;
  /** Energy price e, PLN/kWh (excise included). */
  energy: number;
  /** Variable network rate n (składnik zmienny stawki sieciowej), PLN/kWh. */
  network: number;
  hours: HourRange[];
  /** Months 1–12 the zone applies in; absent = every month. */
  months?: number[];
  /** Day type the zone applies on; absent = every day. */
  days?: DayType;
}

/** Households' capacity fee: a monthly amount by annual consumption, `[[max_kwh | null, PLN/month]…]`. */
export interface MonthlyTiersCapacity {
  /**
   * Tiers in increasing order; a member pays the amount of the first tier whose `max_kwh` its
   * annualised import does not exceed (`null` = no upper bound, the last tier).
   */
  monthly_tiers: [maxKwh: number | null, plnPerMonth: number][];
}

/** Other groups' capacity fee: a rate per kWh drawn on working days within `hours`, times K. */
export interface PerKwhCapacity {
  per_kwh: number;
  hours: HourRange;
  /** The member's coefficient K (K1 0.17, K2 0.50, K3 0.83, K4 1.00); a member may override it. */
  k: number;
}

export type CapacityFee = MonthlyTiersCapacity | PerKwhCapacity;

export interface Tariff {
  zones: TariffZone[];
  /** Quality rate q (stawka jakościowa), PLN/kWh drawn. */
  quality: number;
  /** OZE fee o, PLN/kWh drawn. */
  oze: number;
  /** Cogeneration fee c, PLN/kWh drawn. */
  cogeneration: number;
  /** Fixed network charge and subscription F, PLN per month. */
  fixed_monthly: number;
  capacity: CapacityFee;
}

/** Tariffs by group name. */
export type Tariffs = Record<string, Tariff>;

export function isMonthlyTiers(c: CapacityFee): c is MonthlyTiersCapacity {
  return 'monthly_tiers' in c;
}

/** Where a default value comes from. */
export interface Provenance {
  source: string;
  /** When the value applies (or was published), as shown beside it. */
  date: string;
  /**
   * `published`: from the named tariff or decision; `typical`: a typical Polish DSO value or
   * definition where §5.1 gives none — check your DSO's tariff; `estimated`: derived (e.g.
   * interpolated), said how in `source`.
   */
  status: 'published' | 'typical' | 'estimated';
}

/** VAT on electricity (households' bills are also shown gross). */
export const VAT_RATE = 0.23;

/** The note shown beside every default tariff. */
export const CHECK_TARIFF_NOTE = "Defaults for 2026; check your DSO's tariff and your contract's energy price.";

// ---------------------------------------------------------------------------------------------
// Defaults, each value with its provenance. A `Sourced<T>` leaf is `{ value, ...Provenance }`.

interface Sourced<T> extends Provenance {
  value: T;
}
type Leaf = number | string | boolean | null | HourRange | HourRange[] | number[] | [number | null, number][];
type Spec<T> = [T] extends [Leaf] ? Sourced<T> : T extends object ? { [K in keyof T]: Spec<NonNullable<T[K]>> } : Sourced<T>;

const src =
  (source: string, date: string, status: Provenance['status'] = 'published') =>
  <T>(value: T): Sourced<T> => ({ value, source, date, status });

const TAURON_2026 = src('URE decision of 17 Dec 2025 (Tauron Dystrybucja tariff)', '2026');
const TYPICAL = src("typical Polish DSO value, check your DSO's tariff", '2026', 'typical');
const TYPICAL_ZONES = src("typical Polish DSO zone hours (Tauron/PGE style), check your DSO's tariff", '2026', 'typical');
const QUALITY = src('DSO tariffs 2026 (Tauron 0.0332; PGE 0.0331)', '2026');
const OZE = src('URE, OZE fee for 2026', '2026');
const COGENERATION = src('cogeneration fee, Dz.U. 2025 poz. 1664', '2026');
const HOUSEHOLD_ENERGY = src(
  'URE average household energy price in the 2026 tariffs, 0.49516 PLN/kWh without VAT and excise (URE, Dec 2025), + excise 0.005',
  '2026',
);
const HOUSEHOLD_ENERGY_ZONE = src(
  "URE average household energy price 0.49516 + excise 0.005, applied to every zone: enter your seller's zone prices",
  '2026',
  'typical',
);
const BUSINESS_ENERGY = src(
  "no regulated price for businesses: the URE household average 0.49516 + excise 0.005 as a placeholder; enter your contract's price",
  '2026',
  'typical',
);
const HOUSEHOLD_CAPACITY = src('capacity fee for households 2026 (URE): < 500 kWh/yr, 500–1,200, 1,200–2,800, > 2,800', '2026');
const BUSINESS_CAPACITY = src('capacity fee for other groups, working days 7:00–22:00, × K (URE 2025)', '2025');
const K_DEFAULT = src('coefficient K4 = 1.00 (the default; K1 0.17, K2 0.50, K3 0.83)', '2026');

/** Energy price incl. excise: the URE 2026 household average + 0.005 PLN/kWh excise. */
const ENERGY = 0.50016;

const common = {
  quality: QUALITY(0.0332),
  oze: OZE(0.0073),
  cogeneration: COGENERATION(0.003),
};

const householdCapacity: Spec<MonthlyTiersCapacity> = {
  monthly_tiers: HOUSEHOLD_CAPACITY<[number | null, number][]>([
    [500, 4.29],
    [1200, 10.31],
    [2800, 17.18],
    [null, 24.05],
  ]),
};

const businessCapacity: Spec<PerKwhCapacity> = {
  per_kwh: BUSINESS_CAPACITY(0.2194),
  hours: BUSINESS_CAPACITY<HourRange>([7, 22]),
  k: K_DEFAULT(1),
};

const allDay: HourRange[] = [[0, 24]];
const SUMMER = [4, 5, 6, 7, 8, 9];
const WINTER = [1, 2, 3, 10, 11, 12];

/** Peak / off-peak zones of the C12a and C22a groups (Tauron style: peaks 7–13 and 19–22 in summer, 16–21 in winter). */
function peakOffPeak(peak: number, offPeak: number, peakSource: (x: number) => Sourced<number>): Spec<TariffZone>[] {
  return [
    {
      name: TYPICAL_ZONES('peak'),
      energy: BUSINESS_ENERGY(ENERGY),
      network: peakSource(peak),
      hours: TYPICAL_ZONES<HourRange[]>([
        [7, 13],
        [19, 22],
      ]),
      months: TYPICAL_ZONES(SUMMER),
    },
    {
      name: TYPICAL_ZONES('peak'),
      energy: BUSINESS_ENERGY(ENERGY),
      network: peakSource(peak),
      hours: TYPICAL_ZONES<HourRange[]>([
        [7, 13],
        [16, 21],
      ]),
      months: TYPICAL_ZONES(WINTER),
    },
    { name: TYPICAL_ZONES('off-peak'), energy: BUSINESS_ENERGY(ENERGY), network: TYPICAL(offPeak), hours: TYPICAL_ZONES(allDay) },
  ];
}

/** Day / night zones of G12-like groups: day 6–13 and 15–22, night 13–15 and 22–6. */
function dayNight(
  day: Sourced<number>,
  night: Sourced<number>,
  energy: (x: number) => Sourced<number>,
  hoursSource: typeof TAURON_2026,
): Spec<TariffZone>[] {
  return [
    {
      name: hoursSource('day'),
      energy: energy(ENERGY),
      network: day,
      hours: hoursSource<HourRange[]>([
        [6, 13],
        [15, 22],
      ]),
    },
    {
      name: hoursSource('night'),
      energy: energy(ENERGY),
      network: night,
      hours: hoursSource<HourRange[]>([
        [13, 15],
        [22, 6],
      ]),
    },
  ];
}

const DEFAULT_SPECS: Record<TariffGroup, Spec<Tariff>> = {
  G11: {
    zones: [
      {
        name: TAURON_2026('all day'),
        energy: HOUSEHOLD_ENERGY(ENERGY),
        network: TAURON_2026(0.2464),
        hours: TAURON_2026(allDay),
      },
    ],
    ...common,
    fixed_monthly: src(
      'URE decision of 17 Dec 2025 (Tauron Dystrybucja): fixed network charge 7.38 + subscription 0.76',
      '2026',
    )(7.38 + 0.76),
    capacity: householdCapacity,
  },
  G12: {
    zones: dayNight(TAURON_2026(0.2841), TAURON_2026(0.0558), HOUSEHOLD_ENERGY_ZONE, TAURON_2026),
    ...common,
    fixed_monthly: src("as G11 (Tauron 2026: 7.38 + 0.76), check your DSO's tariff", '2026', 'typical')(7.38 + 0.76),
    capacity: householdCapacity,
  },
  G12w: {
    zones: [
      // Weekends and public holidays are night all day; working days as G12.
      {
        name: TYPICAL_ZONES('night'),
        energy: HOUSEHOLD_ENERGY_ZONE(ENERGY),
        network: TYPICAL(0.0558),
        hours: TYPICAL_ZONES(allDay),
        days: TYPICAL_ZONES<DayType>('free'),
      },
      ...dayNight(TYPICAL(0.2841), TYPICAL(0.0558), HOUSEHOLD_ENERGY_ZONE, TYPICAL_ZONES),
    ],
    ...common,
    fixed_monthly: src("as G11 (Tauron 2026: 7.38 + 0.76), check your DSO's tariff", '2026', 'typical')(7.38 + 0.76),
    capacity: householdCapacity,
  },
  C11: {
    zones: [
      {
        name: TYPICAL_ZONES('all day'),
        energy: BUSINESS_ENERGY(ENERGY),
        network: src('PGE Dystrybucja tariff page, 0.3159 PLN/kWh gross', '2026')(0.257),
        hours: TYPICAL_ZONES(allDay),
      },
    ],
    ...common,
    fixed_monthly: TYPICAL(100),
    capacity: businessCapacity,
  },
  C12a: {
    zones: peakOffPeak(0.317, 0.105, src('PGE Dystrybucja tariff page, 0.3903 PLN/kWh gross', '2026')),
    ...common,
    fixed_monthly: TYPICAL(110),
    capacity: businessCapacity,
  },
  C12b: {
    zones: dayNight(TYPICAL(0.3), TYPICAL(0.09), BUSINESS_ENERGY, TYPICAL_ZONES),
    ...common,
    fixed_monthly: TYPICAL(110),
    capacity: businessCapacity,
  },
  C21: {
    zones: [
      { name: TYPICAL_ZONES('all day'), energy: BUSINESS_ENERGY(ENERGY), network: TYPICAL(0.2), hours: TYPICAL_ZONES(allDay) },
    ],
    ...common,
    fixed_monthly: TYPICAL(650),
    capacity: businessCapacity,
  },
  C22a: {
    zones: peakOffPeak(0.24, 0.08, TYPICAL),
    ...common,
    fixed_monthly: TYPICAL(700),
    capacity: businessCapacity,
  },
  B21: {
    zones: [
      { name: TYPICAL_ZONES('all day'), energy: BUSINESS_ENERGY(ENERGY), network: TYPICAL(0.09), hours: TYPICAL_ZONES(allDay) },
    ],
    ...common,
    fixed_monthly: TYPICAL(2500),
    capacity: businessCapacity,
  },
  B23: {
    zones: [
      // Three zones on working days; weekends and holidays off-peak all day.
      {
        name: TYPICAL_ZONES('off-peak'),
        energy: BUSINESS_ENERGY(ENERGY),
        network: TYPICAL(0.05),
        hours: TYPICAL_ZONES(allDay),
        days: TYPICAL_ZONES<DayType>('free'),
      },
      {
        name: TYPICAL_ZONES('morning peak'),
        energy: BUSINESS_ENERGY(ENERGY),
        network: TYPICAL(0.1),
        hours: TYPICAL_ZONES<HourRange[]>([[7, 13]]),
      },
      {
        name: TYPICAL_ZONES('afternoon peak'),
        energy: BUSINESS_ENERGY(ENERGY),
        network: TYPICAL(0.14),
        hours: TYPICAL_ZONES<HourRange[]>([[19, 22]]),
        months: TYPICAL_ZONES(SUMMER),
      },
      {
        name: TYPICAL_ZONES('afternoon peak'),
        energy: BUSINESS_ENERGY(ENERGY),
        network: TYPICAL(0.14),
        hours: TYPICAL_ZONES<HourRange[]>([[16, 21]]),
        months: TYPICAL_ZONES(WINTER),
      },
      { name: TYPICAL_ZONES('off-peak'), energy: BUSINESS_ENERGY(ENERGY), network: TYPICAL(0.05), hours: TYPICAL_ZONES(allDay) },
    ],
    ...common,
    fixed_monthly: TYPICAL(2500),
    capacity: businessCapacity,
  },
};

const isSourced = (x: unknown): x is Sourced<unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'value' in x && 'source' in x && 'status' in x;

/** The plain values of a spec. */
function plain(spec: unknown): unknown {
  if (isSourced(spec)) return structuredClone(spec.value);
  if (Array.isArray(spec)) return spec.map(plain);
  if (typeof spec === 'object' && spec !== null) {
    return Object.fromEntries(Object.entries(spec).map(([k, x]) => [k, plain(x)]));
  }
  return spec;
}

/** Path → provenance of every leaf of a spec, paths as the schema reports them (`zones[1].network`). */
function provenanceOf(spec: unknown, path = '', out: Record<string, Provenance> = {}): Record<string, Provenance> {
  if (isSourced(spec)) {
    out[path] = { source: spec.source, date: spec.date, status: spec.status };
  } else if (Array.isArray(spec)) {
    spec.forEach((x, i) => provenanceOf(x, `${path}[${i}]`, out));
  } else if (typeof spec === 'object' && spec !== null) {
    for (const [k, x] of Object.entries(spec)) provenanceOf(x, path ? `${path}.${k}` : k, out);
  }
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const x of Object.values(o)) deepFreeze(x);
    Object.freeze(o);
  }
  return o;
}

/** The default tariffs (frozen; `structuredClone` one to edit). */
export const DEFAULT_TARIFFS: Readonly<Record<TariffGroup, Tariff>> = deepFreeze(
  Object.fromEntries(TARIFF_GROUPS.map((g) => [g, plain(DEFAULT_SPECS[g]) as Tariff])) as Record<TariffGroup, Tariff>,
);

/**
 * Where each default value comes from: group → field path → provenance, e.g.
 * `DEFAULT_TARIFF_SOURCES.G11['zones[0].network']` = URE decision of 17 Dec 2025, 2026.
 */
export const DEFAULT_TARIFF_SOURCES: Readonly<Record<TariffGroup, Readonly<Record<string, Provenance>>>> = deepFreeze(
  Object.fromEntries(TARIFF_GROUPS.map((g) => [g, provenanceOf(DEFAULT_SPECS[g])])) as Record<
    TariffGroup,
    Record<string, Provenance>
  >,
);

/** The provenance of a default value, or undefined (not a default group, or a path with no default). */
export function tariffSource(group: string, path: string): Provenance | undefined {
  return (DEFAULT_TARIFF_SOURCES as Record<string, Record<string, Provenance>>)[group]?.[path];
}

// ---------------------------------------------------------------------------------------------
// Groups of members.

/**
 * A tariff group as the register may write it, in the canonical spelling: `c12A` → `C12a`,
 * `g12W` → `G12w`, ` b23 ` → `B23`. Empty for empty text.
 */
export function normalizeGroup(text: string): string {
  const t = text.trim().replace(/\s+/g, '');
  const m = /^([A-Za-z])(\d{1,2})([A-Za-z]{0,3})$/.exec(t);
  if (!m) return t;
  return m[1].toUpperCase() + m[2] + m[3].toLowerCase();
}

/** The group a member without one in the register has: household → G11, anything else → C11. */
export function defaultGroup(memberType: string): TariffGroup {
  return memberType === 'household' ? 'G11' : 'C11';
}

/**
 * The tariff group a member is billed in: its register's `taryfa`, or the default for its type.
 * `assumed` says the register did not give a usable group (absent, or one with no tariff in
 * `tariffs`: then `unknown` holds what the register said).
 */
export function memberGroup(
  member: { type: string; tariff: string },
  tariffs: Tariffs,
): { group: string; assumed: boolean; unknown?: string } {
  const given = normalizeGroup(member.tariff ?? '');
  if (given && tariffs[given]) return { group: given, assumed: false };
  const group = defaultGroup(member.type);
  return given ? { group, assumed: true, unknown: member.tariff.trim() } : { group, assumed: true };
}
