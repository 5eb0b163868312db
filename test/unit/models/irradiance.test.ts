/** Irradiance pieces: top of the atmosphere, clear sky, Erbs split, transposition, reflection, module. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  airMass,
  clearSkyHaurwitz,
  clearSkyIneichenDni,
  clearSkyIneichenGhi,
  erbsDiffuseFraction,
  erbsSplit,
  extraterrestrialNormal,
} from '../../../src/models/irradiance';
import { acPower, cellTemperature } from '../../../src/models/pv-module';
import { cosIncidence, iamMartinRuiz, iamMartinRuizDiffuse, poaHayDavies } from '../../../src/models/transposition';

const RAD = Math.PI / 180;

describe('extraterrestrial irradiance and air mass', () => {
  it('follows 1/r² of the Earth–Sun distance (3.4 % up at perihelion, 3.3 % down at aphelion), 1361 on average', () => {
    // Perihelion 0.98329 AU in early January, aphelion 1.01671 AU in early July.
    expect(Math.abs(extraterrestrialNormal(3) - 1361 / 0.98329 ** 2)).toBeLessThan(2.5);
    expect(Math.abs(extraterrestrialNormal(185) - 1361 / 1.01671 ** 2)).toBeLessThan(2.5);
    let mean = 0;
    for (let d = 1; d <= 365; d++) mean += extraterrestrialNormal(d) / 365;
    expect(Math.abs(mean - 1361)).toBeLessThan(1);
  });

  it('air mass is 1 overhead, 2 at 60°, about 38 at the horizon (Kasten & Young)', () => {
    expect(airMass(0)).toBeCloseTo(1, 3);
    expect(airMass(60)).toBeCloseTo(1.994, 2);
    expect(airMass(90)).toBeCloseTo(37.9, 0);
    expect(airMass(91)).toBeNaN();
  });
});

describe('clear sky', () => {
  it('Haurwitz: 1035 W/m² overhead, nothing below the horizon', () => {
    expect(clearSkyHaurwitz(0)).toBeCloseTo(1098 * Math.exp(-0.059), 6);
    expect(clearSkyHaurwitz(95)).toBe(0);
  });

  it('Ineichen–Perez: dims with turbidity, brightens with altitude, stays below the top of the atmosphere', () => {
    const e0 = 1361;
    const at = (zenith: number, tl: number, alt = 0) => clearSkyIneichenGhi(Math.cos(zenith * RAD), e0, tl, alt);
    // Closed form at the zenith, sea level, TL 3 (air mass 0.9997 there): 0.868 · 1361 · exp(−0.0387 · 3).
    expect(at(0, 3)).toBeCloseTo(0.868 * 1361 * Math.exp(-0.0387 * 3), 1);
    expect(at(30, 2)).toBeGreaterThan(at(30, 3));
    expect(at(30, 3)).toBeGreaterThan(at(30, 5));
    expect(at(30, 3, 1000)).toBeGreaterThan(at(30, 3, 0));
    expect(at(95, 3)).toBe(0);
    // Within 10 % of Haurwitz for an ordinary clear sky.
    expect(Math.abs(at(40, 3) / clearSkyHaurwitz(40) - 1)).toBeLessThan(0.1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 89.9, noNaN: true }), fc.double({ min: 1.5, max: 7, noNaN: true }), (z, tl) => {
        const c = Math.cos(z * RAD);
        const ghi = clearSkyIneichenGhi(c, e0, tl, 230);
        expect(ghi).toBeGreaterThanOrEqual(0);
        expect(ghi).toBeLessThanOrEqual(e0 * c);
        expect(clearSkyIneichenDni(c, e0, tl, 230)).toBeLessThanOrEqual(e0);
      }),
    );
  });
});

describe('Erbs split', () => {
  it('is continuous at its breakpoints and ends at 0.165', () => {
    expect(Math.abs(erbsDiffuseFraction(0.22) - erbsDiffuseFraction(0.2200001))).toBeLessThan(0.002);
    expect(Math.abs(erbsDiffuseFraction(0.8) - 0.165)).toBeLessThan(0.001);
    expect(erbsDiffuseFraction(0.9)).toBe(0.165);
    expect(erbsDiffuseFraction(0)).toBe(1);
  });

  it('gives back the global irradiance: DHI + DNI·cos Z = GHI, both parts ≥ 0', () => {
    const out = new Float64Array(2);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 89, noNaN: true }), fc.double({ min: 0, max: 1.2, noNaN: true }), (z, kt) => {
        const c = Math.cos(z * RAD);
        const ghi = kt * 1361 * c;
        erbsSplit(ghi, c, 1361, out);
        expect(out[0]).toBeGreaterThanOrEqual(0);
        expect(out[1]).toBeGreaterThanOrEqual(0);
        expect(out[0] + out[1] * c).toBeCloseTo(ghi, 6);
      }),
    );
  });
});

describe('transposition and reflection losses', () => {
  it('a horizontal plane receives exactly the global horizontal irradiance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 85, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 900, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (z, az, dni, dhi) => {
          const c = Math.cos(z * RAD);
          const cosAoi = cosIncidence({ tilt: 0, azimuth: 180 }, z, az);
          expect(cosAoi).toBeCloseTo(c, 9);
          const ghi = dhi + dni * c;
          const p = poaHayDavies(dni, dhi, ghi, cosAoi, c, 1361, 0);
          expect(p.beam + p.circumsolar + p.isotropic + p.ground).toBeCloseTo(ghi, 6);
        },
      ),
    );
  });

  it('the sun behind a plane gives it no beam, only sky and ground light', () => {
    // Vertical plane facing north, sun in the south at 30° elevation.
    const cosAoi = cosIncidence({ tilt: 90, azimuth: 0 }, 60, 180);
    expect(cosAoi).toBeLessThan(0);
    const p = poaHayDavies(700, 100, 450, cosAoi, 0.5, 1361, 90);
    expect(p.beam).toBe(0);
    expect(p.circumsolar).toBe(0);
    expect(p.isotropic).toBeCloseTo(100 * (1 - 700 / 1361) * 0.5, 9);
    expect(p.ground).toBeCloseTo(450 * 0.2 * 0.5, 9);
  });

  it('Martin–Ruiz: no loss at normal incidence, growing towards grazing incidence', () => {
    expect(iamMartinRuiz(1)).toBeCloseTo(1, 12);
    expect(iamMartinRuiz(Math.cos(60 * RAD))).toBeGreaterThan(0.93);
    expect(iamMartinRuiz(Math.cos(85 * RAD))).toBeLessThan(0.5);
    expect(iamMartinRuiz(-0.1)).toBe(0);
    const flat = iamMartinRuizDiffuse(0);
    const vertical = iamMartinRuizDiffuse(90);
    expect(flat.sky).toBeGreaterThan(0.9);
    expect(flat.sky).toBeLessThan(1);
    expect(flat.ground).toBe(0);
    for (const tilt of [15, 35, 60, 90]) {
      const d = iamMartinRuizDiffuse(tilt);
      expect(d.sky).toBeGreaterThan(0.9);
      expect(d.sky).toBeLessThan(1);
      expect(d.ground).toBeGreaterThan(0.5);
      expect(d.ground).toBeLessThanOrEqual(d.sky + 1e-12);
    }
    // The ground is seen at grazing angles by a low tilt, more head-on by a vertical plane.
    expect(vertical.ground).toBeGreaterThan(iamMartinRuizDiffuse(15).ground);
  });
});

describe('module and inverter', () => {
  it('Faiman cell temperature: 1000 W/m², 25 °C, 1 m/s → 25 + 1000/33.1', () => {
    expect(cellTemperature(1000, 25, 1)).toBeCloseTo(25 + 1000 / 33.1, 9);
    expect(cellTemperature(0, -5, 3)).toBe(-5);
  });

  it('AC power: STC gives kWp × (1 − losses); hotter is less; clipping at the AC rating', () => {
    expect(acPower(100, 1000, 25)).toBeCloseTo(86, 9);
    expect(acPower(100, 1000, 50)).toBeCloseTo(86 * 0.9, 9);
    expect(acPower(100, 1000, 25, 0.14, 70)).toBe(70);
    expect(acPower(100, 0, 25)).toBe(0);
    expect(acPower(100, -5, 25)).toBe(0);
  });
});
