/** A deterministic synthetic cluster of any size: a third producers, the rest consumers with PV. */
import type { ClusterData } from '../../src/ingest/cluster-data';

export function syntheticCluster(members: number, intervals: number): ClusterData {
  let s = 0x9e3779b9;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const imports = new Float64Array(members * intervals);
  const exports = new Float64Array(members * intervals);
  for (let i = 0; i < members; i++) {
    const base = 0.5 + 5 * rnd();
    const pv = i % 3 === 0 ? 20 * rnd() : 2 * rnd();
    for (let t = 0; t < intervals; t++) {
      const hour = (t % 96) / 4;
      const sun = Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI));
      const net = base * (0.6 + 0.8 * rnd()) - pv * sun * (0.5 + 0.5 * rnd());
      imports[i * intervals + t] = net > 0 ? Math.round(net * 1000) / 1000 : 0;
      exports[i * intervals + t] = net < 0 ? Math.round(-net * 1000) / 1000 : 0;
    }
  }
  return {
    members: Array.from({ length: members }, (_, i) => ({
      id: `PL${String(i).padStart(16, '0')}`,
      name: `member ${i}`,
      type: 'other',
      tariff: 'G11',
      gmina: '',
      pvKwp: 0,
      windKw: 0,
      biogasKw: 0,
    })),
    stepMinutes: 15,
    startUtcMs: Date.UTC(2024, 11, 31, 23),
    intervals,
    imports,
    exports,
  };
}
