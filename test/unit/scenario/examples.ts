/** Scenarios the scenario tests share: the README's full example and a typical link. */
import type { Scenario, Variants } from '../../../src/scenario/model';

/** Members of a made-up cluster around Staszów (PPE codes: 18 digits starting 590). */
export const PPE = {
  gmina: '590243876000000011',
  school: '590243876000000028',
  pool: '590243876000000035',
  bakery: '590243876000000042',
  farm: '590243876000000059',
  sawmill: '590243876000000066',
  clinic: '590243876000000073',
};

/** The README's example scenario file: every field, each overlay type. */
export const fullExample = {
  version: 2,
  name: 'Wariant A: PV 2 MW',
  seed: 42,
  window_minutes: 60,
  key: 'hybrid',
  shares: { [PPE.gmina]: 0.4, [PPE.school]: 0.35 },
  order: [PPE.gmina, PPE.school],
  battery: {
    capacity_kwh: 1000,
    power_kw: 500,
    round_trip: 0.9,
    soc_min_kwh: 100,
    soc_max_kwh: 950,
    dispatch: 'peak-shaving',
    import_limit_kw: 800,
  },
  behind_meter: { [PPE.pool]: { capacity_kwh: 20, power_kw: 10, round_trip: 0.92 } },
  exclude: [PPE.bakery],
  scale: { [PPE.farm]: 1.25 },
  add: [
    { type: 'pv', id: 'PV-Polaniec', kwp: 2000, tilt: 30, azimuth: 180, lat: 50.43, lon: 21.28, losses: 0.14 },
    { type: 'pv', id: 'PV-szkola', kwp: 50, member: PPE.school },
    { type: 'wind', id: 'WT-1', kw: 2000, hub_height_m: 120 },
    { type: 'biogas', id: 'BG-Staszow', kw: 500, availability: 0.9, mode: 'heat-led' },
    {
      type: 'profile',
      id: 'PV-pvgis',
      file: 'Timeseries_50.560_21.170_SA3_1kWp_crystSi_14_35deg_0deg_2020_2020.csv',
      scale: 100,
    },
    { type: 'consumer', id: 'DOM', profile: 'H25', annual_kwh: 3500, count: 10 },
  ],
};

/**
 * A typical link: ten overlays (two exclusions, two scalings, four generators of which one behind
 * a meter, two groups of consumers) with a peak-shaving battery, a member's battery and hybrid
 * shares, and three variants that change a few of them; with a data fingerprint.
 */
export function typicalVariants(): Variants {
  const base: Scenario = {
    version: 2,
    name: 'Klaster Staszów 2026: PV 2 MW, wiatrak, biogaz',
    seed: 20260101,
    window_minutes: 60,
    key: 'hybrid',
    shares: { [PPE.gmina]: 0.3, [PPE.school]: 0.2, [PPE.pool]: 0.15, [PPE.clinic]: 0.15, [PPE.sawmill]: 0.1 },
    order: [],
    battery: {
      capacity_kwh: 2000,
      power_kw: 1000,
      round_trip: 0.88,
      soc_min_kwh: 200,
      dispatch: 'peak-shaving',
      import_limit_kw: 1500,
    },
    behind_meter: { [PPE.pool]: { capacity_kwh: 60, power_kw: 30, round_trip: 0.9 } },
    exclude: [PPE.bakery, '590243876000000080'],
    scale: { [PPE.farm]: 1.3, [PPE.sawmill]: 0.85 },
    add: [
      { type: 'pv', id: 'PV-Polaniec', kwp: 2000, tilt: 25, azimuth: 180, lat: 50.43, lon: 21.28, losses: 0.12 },
      {
        type: 'pv',
        id: 'PV-szkola',
        kwp: 49.5,
        tilt: 15,
        azimuth: 135,
        lat: 50.56,
        lon: 21.17,
        losses: 0.14,
        member: PPE.school,
      },
      { type: 'wind', id: 'WT-Rytwiany', kw: 2300, hub_height_m: 105 },
      { type: 'biogas', id: 'BG-Osiek', kw: 499, availability: 0.92, mode: 'heat-led' },
      { type: 'consumer', id: 'DOM-Staszow', profile: 'H25', annual_kwh: 3800, count: 24 },
      { type: 'consumer', id: 'SKLEP', profile: 'G25', annual_kwh: 42000, count: 3 },
    ],
  };
  const variant = (name: string, change: (s: Scenario) => void): Scenario => {
    const s = structuredClone(base);
    s.name = name;
    change(s);
    return s;
  };
  return {
    current: base,
    variants: [
      variant('Wariant A: PV 4 MW', (s) => {
        (s.add[0] as { kwp: number }).kwp = 4000;
      }),
      variant('Wariant B: bez wiatraka, magazyn 4 MWh', (s) => {
        s.add.splice(2, 1);
        s.battery = { capacity_kwh: 4000, power_kw: 1500, round_trip: 0.9, dispatch: 'self-consumption' };
      }),
      variant('Wariant C: klucz dynamiczny, 40 domów', (s) => {
        s.key = 'dynamic';
        s.shares = {};
        (s.add[4] as { count: number }).count = 40;
      }),
    ],
    fingerprint: '3f9a0c51d2e47b68',
  };
}
