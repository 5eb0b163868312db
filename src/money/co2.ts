/**
 * Carbon (CLUSTERS.md §5.2): renewable energy used inside the cluster instead of grid energy,
 * co2_avoided_t = Σ_w S_w·m_w × emission factor (t/MWh) / 1000, with S before storage and m_w the
 * renewable fraction of it (so S_w·m_w is the window's matched renewable energy, kWh).
 */

/** KOBiZE emission factor for end users of electricity, t CO₂/MWh (2023 data; verify). */
export const DEFAULT_EMISSION_FACTOR_T_PER_MWH = 0.597;

export const EMISSION_FACTOR_SOURCE = {
  source: 'KOBiZE emission factor for end users of electricity (2023 data; 0.743 t/MWh for combustion)',
  date: '2023',
  status: 'published' as const,
};

/** Tonnes of CO₂ avoided: Σ S_w·m_w (kWh) / 1000 × factor. */
export function co2AvoidedT(
  sharedBeforeStorage: ArrayLike<number>,
  renewableFraction: ArrayLike<number>,
  factorTPerMwh: number = DEFAULT_EMISSION_FACTOR_T_PER_MWH,
): number {
  if (sharedBeforeStorage.length !== renewableFraction.length) throw new Error('one renewable fraction per window');
  let kwh = 0;
  for (let w = 0; w < sharedBeforeStorage.length; w++) kwh += sharedBeforeStorage[w] * renewableFraction[w];
  return (kwh * factorTPerMwh) / 1000;
}
