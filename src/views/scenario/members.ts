/**
 * The loaded members (what a scenario may name), whatever the scenario on screen does to them. A
 * result lists the scenario's members (excluded ones gone, added ones appended); its baseline
 * lists the loaded ones by id only, so their register entries are remembered from every result.
 */
import type { ViewResult } from '../../engine/protocol';
import type { Member } from '../../ingest/cluster-data';

const known = new Map<string, Member>();

function placeholder(id: string): Member {
  return { id, name: id, type: 'other', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0 };
}

/** The loaded members in data order, with their register entries where any result showed them. */
export function loadedMembers(result: ViewResult): Member[] {
  for (const m of result.cluster.members) known.set(m.id, m);
  if (!result.baseline) return result.cluster.members;
  return result.baseline.members.map((r) => known.get(r.id) ?? placeholder(r.id));
}

/** "Name · PPE", or the PPE alone when the name is the PPE. */
export function memberLabel(m: Member): string {
  return m.name && m.name !== m.id ? `${m.name} · ${m.id}` : m.id;
}
