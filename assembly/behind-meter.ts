// A member's own battery behind its meter (CLUSTERS.md §4.6, applied per member before cluster
// netting, at the data's resolution): what the member would export first charges the battery, and
// what it would import is first served from it. The cluster then sees only what crosses the meter.

/**
 * Reads one member's import and export rows (n intervals) and writes the rows its grid meter would
 * see with the battery. Charge per interval min(E, limit, (SoC_max − SoC)/η), discharge
 * min(I, limit, (SoC − SoC_min)·η), η = √(round trip); starts at SoC_min. Writes the energy
 * charged and discharged over the period into flows[0] and flows[1]; returns the final SoC.
 */
export function behindMeterBattery(
  imp: usize,
  exp: usize,
  outImp: usize,
  outExp: usize,
  n: i32,
  socMin: f64,
  socMax: f64,
  chargeLimit: f64,
  dischargeLimit: f64,
  eta: f64,
  flows: usize,
): f64 {
  let level = socMin;
  let charged = 0.0;
  let discharged = 0.0;
  for (let t = 0; t < n; t++) {
    const o = (<usize>t) << 3;
    let e = load<f64>(exp + o);
    let i = load<f64>(imp + o);
    let c = min(e, min(chargeLimit, (socMax - level) / eta));
    if (c < 0) c = 0;
    level += c * eta;
    e -= c;
    let d = min(i, min(dischargeLimit, (level - socMin) * eta));
    if (d < 0) d = 0;
    level -= d / eta;
    i -= d;
    store<f64>(outImp + o, i);
    store<f64>(outExp + o, e);
    charged += c;
    discharged += d;
  }
  store<f64>(flows, charged);
  store<f64>(flows, discharged, 8);
  return level;
}
