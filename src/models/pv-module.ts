/**
 * From light on the module to AC power: cell temperature (hot modules lose voltage), the
 * lumped system losses and the inverter's AC limit. The defaults follow PVGIS for crystalline
 * silicon so that a yield from here can be compared with what users see on the PVGIS site.
 */

/** Faiman (2008) heat-loss coefficients for free-standing c-Si modules as PVGIS uses them. */
export const FAIMAN_U0 = 26.9; // W/(m²·K)
export const FAIMAN_U1 = 6.2; // W·s/(m³·K)

/** Power temperature coefficient of c-Si modules, per kelvin (−0.4 %/K). */
export const TEMPERATURE_COEFFICIENT = -0.004;

/** PVGIS's default lumped system loss (cables, inverter, soiling, mismatch, ageing): 14 %. */
export const DEFAULT_LOSSES = 0.14;

/** Faiman cell temperature (°C) from plane-of-array irradiance, air temperature and wind speed. */
export function cellTemperature(poa: number, airC: number, windMs: number, u0 = FAIMAN_U0, u1 = FAIMAN_U1): number {
  return airC + poa / (u0 + u1 * Math.max(windMs, 0));
}

/**
 * AC power (kW) of a system of `kwp` peak power: effective irradiance (after reflection losses)
 * relative to 1000 W/m², corrected for cell temperature, minus lumped losses, clipped at acKw.
 */
export function acPower(
  kwp: number,
  effectiveIrradiance: number,
  cellC: number,
  losses = DEFAULT_LOSSES,
  acKw = Infinity,
  gamma = TEMPERATURE_COEFFICIENT,
): number {
  if (effectiveIrradiance <= 0) return 0;
  const dc = kwp * (effectiveIrradiance / 1000) * Math.max(0, 1 + gamma * (cellC - 25));
  const ac = dc * (1 - losses);
  return ac > acKw ? acKw : ac;
}
