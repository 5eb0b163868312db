/**
 * Irradiance on the horizontal: what reaches the top of the atmosphere, what a cloudless sky lets
 * through, and how a measured or modelled global value splits into beam and diffuse parts. The
 * split matters because a tilted module sees the beam through the angle of incidence but the
 * diffuse light through the share of sky it faces, so the same horizontal energy gives different
 * yields at different orientations.
 *
 * Units: W/m², angles in degrees unless a name says otherwise.
 */

/** Total solar irradiance at 1 AU (Kopp & Lean 2011), W/m². */
export const SOLAR_CONSTANT = 1361;

const RAD = Math.PI / 180;

/**
 * Extraterrestrial irradiance on a plane normal to the sun (W/m²) for a day of year (1–366):
 * Spencer's (1971) Fourier series for the Earth–Sun distance factor, ±3.4 % over the year.
 */
export function extraterrestrialNormal(dayOfYear: number): number {
  const b = (2 * Math.PI * (dayOfYear - 1)) / 365;
  return (
    SOLAR_CONSTANT *
    (1.00011 + 0.034221 * Math.cos(b) + 0.00128 * Math.sin(b) + 0.000719 * Math.cos(2 * b) + 0.000077 * Math.sin(2 * b))
  );
}

/**
 * Relative optical air mass (Kasten & Young 1989) for an apparent zenith angle; finite down to the
 * horizon (≈ 38 at 90°), NaN when the sun is below it.
 */
export function airMass(zenithDeg: number): number {
  if (zenithDeg > 90) return NaN;
  return 1 / (Math.cos(zenithDeg * RAD) + 0.50572 * (96.07995 - zenithDeg) ** -1.6364);
}

/** Same, from cos(zenith), for the inner loops (avoids an acos). */
export function airMassFromCos(cosZ: number): number {
  if (cosZ <= 0) return NaN;
  const zenithDeg = Math.acos(cosZ > 1 ? 1 : cosZ) / RAD;
  return 1 / (cosZ + 0.50572 * (96.07995 - zenithDeg) ** -1.6364);
}

/**
 * Haurwitz (1945) clear-sky global horizontal irradiance: needs only the zenith angle; a fallback
 * where no turbidity is known. GHI = 1098 cos Z exp(−0.059 / cos Z).
 */
export function clearSkyHaurwitz(zenithDeg: number): number {
  const c = Math.cos(zenithDeg * RAD);
  return c > 0 ? 1098 * c * Math.exp(-0.059 / c) : 0;
}

/**
 * Ineichen & Perez (2002) clear-sky global horizontal irradiance (W/m²) as in pvlib (without the
 * optional "Perez enhancement"): the clear sky dims with the Linke turbidity factor (≈ 2 very
 * clean air … 6 hazy) and brightens with site altitude. cosZ = cos(apparent zenith); e0 =
 * extraterrestrial normal irradiance; the air mass is made absolute with the standard-atmosphere
 * pressure of the altitude.
 */
export function clearSkyIneichenGhi(cosZ: number, e0: number, linkeTurbidity: number, altitudeM = 0): number {
  if (cosZ <= 0) return 0;
  const c = altitudeTerms(altitudeM);
  const am = airMassFromCos(cosZ) * c.pressure;
  const ghi = c.cg1 * e0 * cosZ * Math.exp(-c.cg2 * am * (c.fh1 + c.fh2 * (linkeTurbidity - 1)));
  return ghi > 0 ? ghi : 0;
}

/** The altitude-only terms of Ineichen–Perez, kept for the last altitude (one site per sky). */
let altitudeCache = { altitudeM: NaN, pressure: 1, fh1: 1, fh2: 1, cg1: 0.868, cg2: 0.0387 };
function altitudeTerms(altitudeM: number) {
  if (altitudeCache.altitudeM !== altitudeM) {
    altitudeCache = {
      altitudeM,
      pressure: pressureRatio(altitudeM),
      fh1: Math.exp(-altitudeM / 8000),
      fh2: Math.exp(-altitudeM / 1250),
      cg1: 5.09e-5 * altitudeM + 0.868,
      cg2: 3.92e-5 * altitudeM + 0.0387,
    };
  }
  return altitudeCache;
}

/** Ineichen & Perez clear-sky beam normal irradiance (W/m²), the same inputs. */
export function clearSkyIneichenDni(cosZ: number, e0: number, linkeTurbidity: number, altitudeM = 0): number {
  if (cosZ <= 0) return 0;
  const am = airMassFromCos(cosZ) * pressureRatio(altitudeM);
  const fh1 = Math.exp(-altitudeM / 8000);
  const b = 0.664 + 0.163 / fh1;
  const dni = b * e0 * Math.exp(-0.09 * am * (linkeTurbidity - 1));
  return dni > 0 ? dni : 0;
}

/** Standard-atmosphere pressure at an altitude relative to sea level. */
export function pressureRatio(altitudeM: number): number {
  return (1 - 2.25577e-5 * altitudeM) ** 5.25588;
}

/**
 * Erbs, Klein & Duffie (1982) diffuse fraction of global horizontal irradiance from the clearness
 * index kt = GHI / (extraterrestrial on the horizontal).
 */
export function erbsDiffuseFraction(kt: number): number {
  if (kt <= 0.22) return 1 - 0.09 * (kt > 0 ? kt : 0);
  if (kt <= 0.8) return 0.9511 + kt * (-0.1604 + kt * (4.388 + kt * (-16.638 + kt * 12.336)));
  return 0.165;
}

/** The clearness index is meaningless with the sun at the horizon: below this cos Z (≈ 87°) all is diffuse. */
export const MIN_COS_ZENITH_FOR_BEAM = 0.0523;

/**
 * Erbs split: diffuse horizontal (out[0]) and beam normal (out[1]) irradiance from global
 * horizontal, cos of the zenith and extraterrestrial normal irradiance. The clearness index is
 * capped at 1 so a stray high value cannot create beam brighter than space.
 */
export function erbsSplit(ghi: number, cosZ: number, e0: number, out: Float64Array): void {
  if (ghi <= 0 || cosZ <= 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  if (cosZ < MIN_COS_ZENITH_FOR_BEAM) {
    out[0] = ghi;
    out[1] = 0;
    return;
  }
  let kt = ghi / (e0 * cosZ);
  if (kt > 1) kt = 1;
  const dhi = ghi * erbsDiffuseFraction(kt);
  out[0] = dhi;
  out[1] = (ghi - dhi) / cosZ;
}
