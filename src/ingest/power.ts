/**
 * Values in power units and unit corrections, applied to series already on their grids: average
 * power (kW) times the interval's length in hours is the interval's energy, which is why this
 * waits until the resolution is known.
 */

import type { MeterSeries } from './cluster-data';
import { kwhPerUnit, type ValueUnit } from './names';
import type { BuiltSeries } from './meter-grid';

/** Turns average power in kW into kWh per interval (× interval hours), in place. */
export function powerToEnergy(built: BuiltSeries): void {
  for (const s of [...built.series, ...built.netted]) scaleSeries(s, s.stepMinutes / 60, 1);
}

/**
 * Re-expresses values read as `from` (already converted to kWh or kW) as if they had been read
 * as `to`: for a unit the user set on a layout that read another one.
 */
export function rescaleUnit(built: BuiltSeries, from: ValueUnit, to: ValueUnit): void {
  const ratio = kwhPerUnit(to) / kwhPerUnit(from);
  if (ratio === 1) return;
  // Dividing by 1000 (not multiplying by 0.001) gives exactly the double a decimal text gives.
  for (const s of [...built.series, ...built.netted]) {
    if (ratio > 1) scaleSeries(s, ratio, 1);
    else scaleSeries(s, 1, Math.round(1 / ratio));
  }
}

function scaleSeries(s: MeterSeries, multiply: number, divide: number): void {
  for (const values of [s.import, s.export, s.generation]) {
    if (!values) continue;
    for (let i = 0; i < values.length; i++) values[i] = (values[i]! * multiply) / divide;
  }
}
