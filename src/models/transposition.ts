/**
 * From the horizontal to the module plane: beam through the angle of incidence, sky diffuse by
 * Hay–Davies (a circumsolar part that behaves like beam plus an isotropic rest, so an east array
 * gains in the morning from the bright sky around the sun, not only from the beam), and light
 * reflected by the ground. Then the reflection losses of the glass (Martin & Ruiz 2001), which
 * grow quickly at grazing incidence and are what makes vertical and east/west arrays lose more
 * than their plane-of-array irradiance alone suggests.
 */

const RAD = Math.PI / 180;

/** Ground reflectance for grass and fields; snow would be 0.6–0.8 but lies only a few weeks. */
export const DEFAULT_ALBEDO = 0.2;

/** Martin & Ruiz angular loss coefficient a_r for ordinary glass-fronted c-Si modules (PVGIS uses it). */
export const MARTIN_RUIZ_AR = 0.16;

/** A module plane: tilt from horizontal and azimuth from north clockwise, degrees. */
export interface Plane {
  tilt: number;
  azimuth: number;
}

/** Unit normal of a plane in east-north-up coordinates. */
export function planeNormal(plane: Plane): [number, number, number] {
  const b = plane.tilt * RAD;
  const g = plane.azimuth * RAD;
  return [Math.sin(b) * Math.sin(g), Math.sin(b) * Math.cos(g), Math.cos(b)];
}

/** cos of the angle of incidence of the sun (apparent zenith and azimuth, degrees) on a plane. */
export function cosIncidence(plane: Plane, zenithDeg: number, azimuthDeg: number): number {
  const [e, n, u] = planeNormal(plane);
  const z = zenithDeg * RAD;
  const a = azimuthDeg * RAD;
  return e * Math.sin(z) * Math.sin(a) + n * Math.sin(z) * Math.cos(a) + u * Math.cos(z);
}

/**
 * Martin & Ruiz incidence angle modifier for the beam: the share of beam light that enters the
 * module relative to normal incidence, 1 at cos θ = 1 and 0 at grazing incidence.
 */
export function iamMartinRuiz(cosAoi: number, ar = MARTIN_RUIZ_AR): number {
  if (cosAoi <= 0) return 0;
  return (1 - Math.exp(-cosAoi / ar)) / (1 - Math.exp(-1 / ar));
}

/**
 * Martin & Ruiz's closed-form modifiers for isotropic sky and ground diffuse light on a plane of
 * a given tilt (as pvlib's iam.martin_ruiz_diffuse), relative to normal incidence.
 */
export function iamMartinRuizDiffuse(tiltDeg: number, ar = MARTIN_RUIZ_AR): { sky: number; ground: number } {
  const c1 = 4 / (3 * Math.PI);
  const c2 = 0.5 * ar - 0.154;
  const b = Math.min(Math.max(tiltDeg, 0), 180) * RAD;
  const sinB = tiltDeg < 90 ? Math.sin(b) : Math.sin(Math.PI - b);
  const trigSky = sinB + (Math.PI - b - sinB) / (1 + Math.cos(b));
  const norm = 1 - Math.exp(-1 / ar);
  const f = (x: number) => (1 - Math.exp(-((c1 + c2 * x) * x) / ar)) / norm;
  // The ground term is 0/0 for a horizontal plane, which sees no ground anyway.
  const ground = b < 1e-6 ? 0 : f(sinB + (b - sinB) / (1 - Math.cos(b)));
  return { sky: f(trigSky), ground };
}

/** Plane-of-array irradiance parts, W/m². */
export interface PoaParts {
  beam: number;
  circumsolar: number;
  isotropic: number;
  ground: number;
}

/**
 * Hay & Davies (1980) plane-of-array irradiance. cosAoi: incidence on the plane; cosZ: the
 * sun's zenith; e0: extraterrestrial normal irradiance (for the anisotropy index DNI/e0).
 * With anisotropy 0 this is the isotropic (Liu–Jordan) model.
 */
export function poaHayDavies(
  dni: number,
  dhi: number,
  ghi: number,
  cosAoi: number,
  cosZ: number,
  e0: number,
  tiltDeg: number,
  albedo = DEFAULT_ALBEDO,
): PoaParts {
  const cosB = Math.cos(tiltDeg * RAD);
  const ai = e0 > 0 ? Math.min(Math.max(dni / e0, 0), 1) : 0;
  const rb = cosZ > 0.0174524 ? Math.max(cosAoi, 0) / cosZ : 0;
  return {
    beam: dni * Math.max(cosAoi, 0),
    circumsolar: dhi * ai * rb,
    isotropic: dhi * (1 - ai) * (1 + cosB) * 0.5,
    ground: ghi * albedo * (1 - cosB) * 0.5,
  };
}
