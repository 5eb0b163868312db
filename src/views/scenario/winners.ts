/**
 * Winners and losers: each member's coverage (allocated ÷ import) and allocated energy, baseline
 * against scenario, and across the four allocation keys — who gains, who loses, and under which
 * key each member fares best and worst.
 */
import type { KeyComparison } from '../../engine/protocol';
import type { AllocationKey, MemberResult } from '../../engine/types';
import { meterKey } from '../../ingest/names';

/** allocated ÷ import, or null for a member that imports nothing (a producer). */
export function coverage(allocated: number, imported: number): number | null {
  return imported > 0 ? allocated / imported : null;
}

export interface Side {
  import_kwh: number;
  allocated_kwh: number;
  coverage: number | null;
}

export interface VersusRow {
  id: string;
  /** In the baseline only (excluded by the scenario), in the scenario only (added), or both. */
  status: 'both' | 'excluded' | 'added';
  baseline: Side | null;
  scenario: Side | null;
  /** Scenario − baseline, where the member is in both. */
  deltaAllocated: number | null;
  deltaCoverage: number | null;
}

const side = (m: MemberResult): Side => ({
  import_kwh: m.import_kwh,
  allocated_kwh: m.allocated_kwh,
  coverage: coverage(m.allocated_kwh, m.import_kwh),
});

/**
 * One row per member of either result: the scenario's members in their order, then those only in
 * the baseline (excluded).
 */
export function versus(baseline: readonly MemberResult[], scenario: readonly MemberResult[]): VersusRow[] {
  const before = new Map(baseline.map((m) => [meterKey(m.id), m]));
  const seen = new Set<string>();
  const rows: VersusRow[] = scenario.map((m) => {
    const key = meterKey(m.id);
    seen.add(key);
    const b = before.get(key);
    const s = side(m);
    if (!b) return { id: m.id, status: 'added', baseline: null, scenario: s, deltaAllocated: null, deltaCoverage: null };
    const bs = side(b);
    return {
      id: m.id,
      status: 'both',
      baseline: bs,
      scenario: s,
      deltaAllocated: s.allocated_kwh - bs.allocated_kwh,
      deltaCoverage: s.coverage !== null && bs.coverage !== null ? s.coverage - bs.coverage : null,
    };
  });
  for (const b of baseline) {
    if (seen.has(meterKey(b.id))) continue;
    rows.push({ id: b.id, status: 'excluded', baseline: side(b), scenario: null, deltaAllocated: null, deltaCoverage: null });
  }
  return rows;
}

export interface KeyRow {
  id: string;
  import_kwh: number;
  allocated: Record<AllocationKey, number>;
  coverage: Record<AllocationKey, number>;
  /** The keys under which this member's coverage is highest / lowest (empty when all are equal). */
  best: AllocationKey[];
  worst: AllocationKey[];
}

/**
 * Members with an import, each with its coverage under every key and its best and worst keys.
 * Coverages closer than `tolerance` (a share, 0.1 percentage point by default) count as equal.
 */
export function keyRows(cmp: KeyComparison, tolerance = 0.001): KeyRow[] {
  return cmp.members
    .filter((m) => m.import_kwh > 0)
    .map((m) => {
      const cov = Object.fromEntries(cmp.keys.map((k) => [k, m.allocated_kwh[k] / m.import_kwh])) as Record<
        AllocationKey,
        number
      >;
      const values = cmp.keys.map((k) => cov[k]);
      const hi = Math.max(...values);
      const lo = Math.min(...values);
      const spread = hi - lo > tolerance;
      return {
        id: m.id,
        import_kwh: m.import_kwh,
        allocated: { ...m.allocated_kwh },
        coverage: cov,
        best: spread ? cmp.keys.filter((k) => hi - cov[k] <= tolerance / 2) : [],
        worst: spread ? cmp.keys.filter((k) => cov[k] - lo <= tolerance / 2) : [],
      };
    });
}

/** How many members fare best under each key (a key's "fairest for" count). */
export function bestCounts(rows: readonly KeyRow[], keys: readonly AllocationKey[]): Record<AllocationKey, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<AllocationKey, number>;
  for (const r of rows) for (const k of r.best) out[k]++;
  return out;
}
