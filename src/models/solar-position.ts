/**
 * Where the sun is, for a UTC instant and a place: the NOAA solar calculator's equations (after
 * Meeus, "Astronomical Algorithms"), which agree with NREL's SPA to about 0.01° between 1800 and
 * 2100 — far better than the 0.2° the PV model needs, at a fraction of SPA's cost (a few dozen
 * multiplications and trigonometric calls per instant), so a year of quarter-hours takes a few ms.
 *
 * Conventions: degrees; azimuth from north, clockwise (90 = east, 180 = south); the zenith and
 * elevation include atmospheric refraction (what a module sees), like SPA's topocentric values.
 */

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface SolarPosition {
  /** Apparent zenith angle (refraction included), degrees. */
  zenith: number;
  /** Apparent elevation = 90° − zenith, degrees; negative below the horizon. */
  elevation: number;
  /** Azimuth, degrees from north clockwise, 0 ≤ azimuth < 360. */
  azimuth: number;
  /** Solar declination, degrees. */
  declination: number;
  /** Equation of time (apparent − mean solar time), minutes. */
  equationOfTime: number;
  /** Hour angle, degrees: 0 at solar noon, negative in the morning. */
  hourAngle: number;
}

/** Julian day of a UTC instant (the small TT−UT difference is ignored: under 0.001° here). */
export function julianDay(utcMs: number): number {
  return utcMs / 86_400_000 + 2_440_587.5;
}

/** Declination (degrees) and equation of time (minutes) at an instant: they change slowly. */
export function declinationAndEot(utcMs: number): { declination: number; equationOfTime: number } {
  const out = new Float64Array(2);
  sunEphemeris(utcMs, out);
  return { declination: out[0] * DEG, equationOfTime: out[1] };
}

/**
 * The sun's declination (radians, out[0]) and equation of time (minutes, out[1]): the NOAA
 * spreadsheet's series in Julian centuries from J2000.
 */
function sunEphemeris(utcMs: number, out: Float64Array): void {
  const T = (julianDay(utcMs) - 2_451_545) / 36_525;
  const L0 = ((280.46646 + T * (36000.76983 + T * 0.0003032)) % 360) * RAD;
  const M = (357.52911 + T * (35999.05029 - 0.0001537 * T)) * RAD;
  const e = 0.016708634 - T * (0.000042037 + 0.0000001267 * T);
  const C =
    Math.sin(M) * (1.914602 - T * (0.004817 + 0.000014 * T)) +
    Math.sin(2 * M) * (0.019993 - 0.000101 * T) +
    Math.sin(3 * M) * 0.000289;
  const omega = (125.04 - 1934.136 * T) * RAD;
  const lambda = L0 + (C - 0.00569 - 0.00478 * Math.sin(omega)) * RAD;
  const eps0 = 23 + (26 + (21.448 - T * (46.815 + T * (0.00059 - T * 0.001813))) / 60) / 60;
  const eps = (eps0 + 0.00256 * Math.cos(omega)) * RAD;
  out[0] = Math.asin(Math.sin(eps) * Math.sin(lambda));
  const y = Math.tan(eps / 2) ** 2;
  const eot =
    y * Math.sin(2 * L0) -
    2 * e * Math.sin(M) +
    4 * e * y * Math.sin(M) * Math.cos(2 * L0) -
    0.5 * y * y * Math.sin(4 * L0) -
    1.25 * e * e * Math.sin(2 * M);
  out[1] = 4 * eot * DEG;
}

/**
 * Atmospheric refraction (degrees) to add to a geometric elevation (degrees): NOAA's piecewise
 * fit to Bennett/Saemundsson for standard air (1010 hPa, 10 °C).
 */
export function refraction(elevationDeg: number): number {
  const h = elevationDeg;
  if (h > 85) return 0;
  if (h > 5) {
    const t = Math.tan(h * RAD);
    return (58.1 / t - 0.07 / t ** 3 + 0.000086 / t ** 5) / 3600;
  }
  if (h > -0.575) return (1735 + h * (-518.2 + h * (103.4 + h * (-12.79 + h * 0.711)))) / 3600;
  return -20.774 / Math.tan(h * RAD) / 3600;
}

/**
 * Apparent elevation from geometric elevation (degrees). Like SPA, refraction is applied only
 * while the sun's upper limb can be above the horizon (geometric elevation ≥ −0.8333°); below
 * that the sun is down either way and the formula's night branch would only add noise.
 */
export function apparentElevation(geometricDeg: number): number {
  return geometricDeg >= -0.8333 ? geometricDeg + refraction(geometricDeg) : geometricDeg;
}

const scratch = new Float64Array(2);

/** The sun's position at a UTC instant seen from latitude/longitude (degrees, east positive). */
export function solarPosition(utcMs: number, latDeg: number, lonDeg: number): SolarPosition {
  sunEphemeris(utcMs, scratch);
  const decl = scratch[0];
  const eot = scratch[1];
  const hourAngle = hourAngleDeg(utcMs, lonDeg, eot);
  const lat = latDeg * RAD;
  const ha = hourAngle * RAD;
  const cosZ = clamp1(Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(ha));
  const elevation = apparentElevation(90 - Math.acos(cosZ) * DEG);
  return {
    zenith: 90 - elevation,
    elevation,
    azimuth: azimuthDeg(ha, decl, lat),
    declination: decl * DEG,
    equationOfTime: eot,
    hourAngle,
  };
}

/** Hour angle in degrees, normalised to [−180, 180). */
function hourAngleDeg(utcMs: number, lonDeg: number, eotMinutes: number): number {
  const minutesOfDay = (((utcMs % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
  const trueSolarMinutes = minutesOfDay + eotMinutes + 4 * lonDeg;
  let ha = trueSolarMinutes / 4 - 180;
  ha = ((((ha + 180) % 360) + 360) % 360) - 180;
  return ha;
}

/** Azimuth from north, clockwise, in [0, 360), from hour angle, declination, latitude (radians). */
function azimuthDeg(ha: number, decl: number, lat: number): number {
  const az = Math.atan2(Math.sin(ha), Math.cos(ha) * Math.sin(lat) - Math.tan(decl) * Math.cos(lat)) * DEG + 180;
  return az >= 360 ? az - 360 : az;
}

function clamp1(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/**
 * The sun over many instants at one place, written into typed arrays with no allocation per
 * instant: the unit vector towards the sun (east, north, up components; up = cos of the
 * apparent zenith). The PV model takes the dot product of this vector with each module plane's
 * normal, so the sun is computed once per grid however many generators share it.
 *
 * The declination and equation of time move by less than 0.01° and 0.01 min per quarter-hour,
 * so they are evaluated once per `ephemerisStepMs` (default one hour) and interpolated linearly:
 * that keeps the per-instant cost to the hour angle and the rotation into local coordinates.
 */
export function sunVectors(
  times: Float64Array,
  latDeg: number,
  lonDeg: number,
  east: Float64Array,
  north: Float64Array,
  up: Float64Array,
  ephemerisStepMs = 3_600_000,
): void {
  const lat = latDeg * RAD;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const eph0 = new Float64Array(2);
  const eph1 = new Float64Array(2);
  let t0 = NaN;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    const a = Math.floor(t / ephemerisStepMs) * ephemerisStepMs;
    if (a !== t0) {
      if (a === t0 + ephemerisStepMs) eph0.set(eph1);
      else sunEphemeris(a, eph0);
      t0 = a;
      sunEphemeris(a + ephemerisStepMs, eph1);
    }
    const f = (t - a) / ephemerisStepMs;
    const decl = eph0[0] + (eph1[0] - eph0[0]) * f;
    const eot = eph0[1] + (eph1[1] - eph0[1]) * f;
    const ha = hourAngleDeg(t, lonDeg, eot) * RAD;
    const sinD = Math.sin(decl);
    const cosD = Math.cos(decl);
    const cosH = Math.cos(ha);
    // Sun direction in local east-north-up coordinates (geometric).
    const e = -cosD * Math.sin(ha);
    const n = sinD * cosLat - cosD * cosH * sinLat;
    const u = sinLat * sinD + cosLat * cosD * cosH;
    // Refraction lifts the sun a little: tilt the vector up by the refraction angle.
    const geomElev = Math.asin(clamp1(u)) * DEG;
    if (geomElev < -0.8333) {
      east[i] = e;
      north[i] = n;
      up[i] = u;
      continue;
    }
    const appElev = apparentElevation(geomElev) * RAD;
    const horiz = Math.hypot(e, n);
    const cosE = Math.cos(appElev);
    east[i] = horiz > 0 ? (e / horiz) * cosE : 0;
    north[i] = horiz > 0 ? (n / horiz) * cosE : 0;
    up[i] = Math.sin(appElev);
  }
}
