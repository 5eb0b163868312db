/** Solar position against NREL's SPA report example and the geometry of equinoxes and solstices. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declinationAndEot, refraction, solarPosition, sunVectors } from '../../../src/models/solar-position';

const DEG = 180 / Math.PI;

describe('solarPosition', () => {
  it('matches the SPA report example within 0.2° (Reda & Andreas 2004, Table A4.1)', () => {
    // 17 October 2003, 12:30:30 local time at UTC−7, Golden, Colorado.
    const p = solarPosition(Date.UTC(2003, 9, 17, 19, 30, 30), 39.742476, -105.1786);
    expect(Math.abs(p.zenith - 50.11162)).toBeLessThan(0.2);
    expect(Math.abs(p.azimuth - 194.34024)).toBeLessThan(0.2);
    // The NOAA equations are in fact far closer than the 0.2° asked for.
    expect(Math.abs(p.zenith - 50.11162)).toBeLessThan(0.01);
    expect(Math.abs(p.azimuth - 194.34024)).toBeLessThan(0.01);
    expect(Math.abs(p.declination - -9.31434)).toBeLessThan(0.01);
    expect(Math.abs(p.equationOfTime - 14.641503)).toBeLessThan(0.05);
  });

  const LAT = 50.56;
  const LON = 21.17;
  /** The instant the hour angle is 0 on a date. */
  function solarNoon(y: number, m: number, d: number): number {
    const guess = Date.UTC(y, m - 1, d, 12) - LON * 4 * 60_000;
    const eot = solarPosition(guess, LAT, LON).equationOfTime;
    return guess - eot * 60_000;
  }

  it.each([
    ['June solstice', 2025, 6, 21, 90 - LAT + 23.44],
    ['December solstice', 2025, 12, 21, 90 - LAT - 23.44],
    ['March equinox', 2025, 3, 20, 90 - LAT],
  ])('%s: noon elevation at 50.56 N is 90 − lat ± 23.44 within 0.2°', (_name, y, m, d, expected) => {
    const noon = solarNoon(y, m, d);
    const p = solarPosition(noon, LAT, LON);
    expect(Math.abs(p.elevation - expected)).toBeLessThan(0.2);
    expect(Math.abs(p.hourAngle)).toBeLessThan(0.05);
    expect(Math.abs(p.azimuth - 180)).toBeLessThan(0.1);
    // Noon is the highest point of the day.
    expect(solarPosition(noon - 600_000, LAT, LON).elevation).toBeLessThan(p.elevation);
    expect(solarPosition(noon + 600_000, LAT, LON).elevation).toBeLessThan(p.elevation);
  });

  it('declination at the solstices and the equation of time at its extremes (almanac values)', () => {
    expect(declinationAndEot(Date.UTC(2025, 5, 21, 2, 42)).declination).toBeCloseTo(23.44, 1);
    expect(declinationAndEot(Date.UTC(2025, 11, 21, 15, 3)).declination).toBeCloseTo(-23.44, 1);
    // Largest positive (≈ +16.4 min, early November) and negative (≈ −14.2 min, mid-February).
    expect(Math.abs(declinationAndEot(Date.UTC(2025, 10, 3, 12)).equationOfTime - 16.4)).toBeLessThan(0.2);
    expect(Math.abs(declinationAndEot(Date.UTC(2025, 1, 11, 12)).equationOfTime + 14.2)).toBeLessThan(0.2);
  });

  it('puts the sun below the horizon at local midnight and east in the morning, west in the evening', () => {
    expect(solarPosition(Date.UTC(2025, 5, 21, 22, 30), LAT, LON).elevation).toBeLessThan(0);
    const morning = solarPosition(Date.UTC(2025, 5, 21, 5), LAT, LON);
    const evening = solarPosition(Date.UTC(2025, 5, 21, 16), LAT, LON);
    expect(morning.azimuth).toBeGreaterThan(45);
    expect(morning.azimuth).toBeLessThan(135);
    expect(evening.azimuth).toBeGreaterThan(225);
    expect(evening.azimuth).toBeLessThan(315);
  });

  it('refraction: about 0.57° at the horizon, 0.02° at 45°, nothing near the zenith', () => {
    expect(refraction(0)).toBeCloseTo(0.482, 2);
    expect(refraction(45)).toBeCloseTo(0.0161, 3);
    expect(refraction(89)).toBe(0);
  });
});

describe('sunVectors (the bulk path the PV model uses)', () => {
  it('agrees with solarPosition within 0.01° for any instant and place', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.double({ min: -66, max: 66, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (t, lat, lon) => {
          const e = new Float64Array(1);
          const n = new Float64Array(1);
          const u = new Float64Array(1);
          sunVectors(Float64Array.of(t), lat, lon, e, n, u);
          const p = solarPosition(t, lat, lon);
          if (p.elevation < -1) return;
          const zenith = Math.acos(Math.min(1, u[0])) * DEG;
          expect(Math.abs(zenith - p.zenith)).toBeLessThan(0.01);
          if (p.elevation < 89) {
            const az = (Math.atan2(e[0], n[0]) * DEG + 360) % 360;
            const diff = Math.abs(((az - p.azimuth + 540) % 360) - 180);
            expect(diff).toBeLessThan(0.05);
          }
          expect(Math.hypot(e[0], n[0], u[0])).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
