/** Shared builders for the money tests. */
import { flowsFromArrays, type BillFlows, type BillSettings } from '../../../src/money/bills';
import { DEFAULT_TARIFFS, type Tariff, type Tariffs } from '../../../src/money/tariffs';
import { MINUTE_MS, daysFromCivil, warsawLocalToUtc } from '../../../src/ingest/time';

/** The UTC instant of a Warsaw wall-clock time (the first occurrence when it is ambiguous). */
export function local(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return warsawLocalToUtc(daysFromCivil(year, month, day) * 86_400_000 + (hour * 60 + minute) * MINUTE_MS);
}

/** The default tariffs, as a mutable copy. */
export function defaults(): Tariffs {
  return structuredClone(DEFAULT_TARIFFS) as Tariffs;
}

/** π of a zone of a tariff without capacity: e + n + q + o + c. */
export function pi(t: Tariff, zone: number): number {
  return t.zones[zone].energy + t.zones[zone].network + t.quality + t.oze + t.cogeneration;
}

export interface MemberWindows {
  id: string;
  I: number[];
  E?: number[];
  A?: number[];
  P?: number[];
}

/** BillFlows from per-member window lists (missing E, A, P are zero). */
export function flows(
  startUtcMs: number,
  minutes: number,
  members: MemberWindows[],
  opts: { m?: number[]; charged?: number; discharged?: number } = {},
): BillFlows {
  const n = members[0].I.length;
  const pack = (f: (x: MemberWindows) => number[] | undefined) => {
    const out = new Float64Array(members.length * n);
    members.forEach((x, i) => out.set(f(x) ?? new Array<number>(n).fill(0), i * n));
    return out;
  };
  return flowsFromArrays({
    startUtcMs,
    minutes,
    ids: members.map((x) => x.id),
    imports: pack((x) => x.I),
    exports: pack((x) => x.E),
    allocated: pack((x) => x.A),
    sharedExport: pack((x) => x.P),
    renewableFraction: Float64Array.from(opts.m ?? new Array<number>(n).fill(0)),
    charged: opts.charged ?? 0,
    discharged: opts.discharged ?? 0,
  });
}

/** Settings with every member in `group` (defaults: p 0.4, r 0, X off, d 0). */
export function settings(f: BillFlows, groups: string[], over: Partial<BillSettings> = {}): BillSettings {
  return {
    tariffs: defaults(),
    groups,
    internalPrice: 0.4,
    exportPrice: new Float64Array(f.windows),
    resCondition: false,
    discount: 0,
    ...over,
  };
}
