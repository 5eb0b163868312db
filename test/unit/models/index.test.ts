/** The scenario code's entry: snake_case specs, defaults, and the same series as the models. */
import { describe, expect, it } from 'vitest';
import { biogasSeries } from '../../../src/models/biogas';
import {
  GENERATOR_DEFAULTS,
  type GeneratorSpec,
  consumerSeries,
  generatorSeries,
  pvYearBenchmark,
} from '../../../src/models/index';
import { consumerSeries as profileConsumer } from '../../../src/models/profiles';
import { pvSeries } from '../../../src/models/pv';
import { emptyWeatherYear } from '../../../src/models/weather';
import { windSeries } from '../../../src/models/wind';
import { YEAR_2025_60 } from './helpers';

describe('generatorSeries', () => {
  it('has the documented defaults', () => {
    expect(GENERATOR_DEFAULTS).toEqual({
      lat: 50.56,
      lon: 21.17,
      tilt: 35,
      azimuth: 180,
      losses: 0.14,
      hub_height_m: 100,
      availability: 0.9,
      mode: 'flat',
    });
  });

  it('pv: a bare spec is a south-facing 35° system in Staszów with 14 % losses', () => {
    expect(generatorSeries({ type: 'pv', kwp: 50 }, YEAR_2025_60)).toEqual(
      pvSeries({ kwp: 50, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14, seed: 1 }, YEAR_2025_60),
    );
    const spec: GeneratorSpec = { type: 'pv', kwp: 50, tilt: 20, azimuth: 90, lat: 52, lon: 17, losses: 0.1, ac_kw: 30 };
    expect(generatorSeries(spec, YEAR_2025_60, { seed: 3 })).toEqual(
      pvSeries({ kwp: 50, tilt: 20, azimuth: 90, lat: 52, lon: 17, losses: 0.1, acKw: 30, seed: 3 }, YEAR_2025_60),
    );
  });

  it('wind: hub_height_m defaults to 100 m; a weather year is passed through', () => {
    expect(generatorSeries({ type: 'wind', kw: 2000 }, YEAR_2025_60)).toEqual(
      windSeries({ kw: 2000, hubHeightM: 100, seed: 1 }, YEAR_2025_60),
    );
    const w = emptyWeatherYear('flat calm');
    expect(
      generatorSeries({ type: 'wind', kw: 2000, hub_height_m: 120 }, YEAR_2025_60, { weather: w }).every((v) => v === 0),
    ).toBe(true);
  });

  it('biogas: availability 0.9 and flat by default', () => {
    expect(generatorSeries({ type: 'biogas', kw: 180 }, YEAR_2025_60)).toEqual(
      biogasSeries({ kw: 180, availability: 0.9, mode: 'flat', seed: 1 }, YEAR_2025_60),
    );
    expect(generatorSeries({ type: 'biogas', kw: 180, availability: 0.8, mode: 'heat-led' }, YEAR_2025_60, { seed: 4 })).toEqual(
      biogasSeries({ kw: 180, availability: 0.8, mode: 'heat-led', seed: 4 }, YEAR_2025_60),
    );
  });

  it('refuses an unknown type by name', () => {
    expect(() => generatorSeries({ type: 'hydro', kw: 1 } as unknown as GeneratorSpec, YEAR_2025_60)).toThrow(
      /unknown generator type "hydro"/,
    );
  });

  it('consumerSeries is the profile model', () => {
    expect(consumerSeries).toBe(profileConsumer);
  });

  it('the bench hook runs and reports a 1,000 kWp year (timings are the bench’s business, not asserted here)', () => {
    const r = pvYearBenchmark();
    expect(r.kwh / 1000).toBeGreaterThan(1000);
    expect(r.kwh / 1000).toBeLessThan(1100);
  });
});
