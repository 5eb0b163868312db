/**
 * Column names and meter ids as exports write them: Polish or English, with or without
 * diacritics, with units in brackets; PPE codes hidden in file names.
 */

/** The energy unit of a file's values; everything is converted to kWh. */
export type EnergyUnit = 'kWh' | 'Wh' | 'MWh';

/**
 * The unit of values that are average power over the interval (`moc`, `power`, `kW`): the energy
 * of an interval is the power times its length in hours.
 */
export type PowerUnit = 'kW' | 'MW';

/** The unit of a file's values: energy per interval or average power. */
export type ValueUnit = EnergyUnit | PowerUnit;

/** Whether a unit is one of power (kW, MW), not energy. */
export function isPowerUnit(unit: ValueUnit): unit is PowerUnit {
  return unit === 'kW' || unit === 'MW';
}

/** kWh (or kW) in one unit: the factor numberCell converts with. */
export function kwhPerUnit(unit: ValueUnit): number {
  return unit === 'Wh' ? 0.001 : unit === 'MWh' || unit === 'MW' ? 1000 : 1;
}

/**
 * A column name reduced for matching: lower case, no Polish diacritics (ł → l included, which
 * Unicode does not decompose), `_ - .` as spaces, units in brackets removed, spaces collapsed.
 */
export function normaliseName(name: string): string {
  return foldPolish(name.toLowerCase())
    .replace(/[[(][^\])]*[\])]/g, ' ')
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-case Polish letters replaced by their ASCII base letters. */
export function foldPolish(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L');
}

/**
 * The unit a header names (`Wartość kWh`, `import_kwh`, `Energia [MWh]`, `Moc [kW]`), if any.
 * A power word without a unit (`moc`, `power`) means kW.
 */
export function unitInHeader(header: readonly string[]): ValueUnit | undefined {
  return unitOf(header)?.unit;
}

/**
 * The unit the given header fields name and whether it was written as a unit or only implied by
 * a power word (`moc`, `power`: kW). Energy units win over power ones in the same field, so that
 * `kWh/kvar` stays kWh; the first field naming a unit decides.
 */
export function unitOf(header: readonly string[]): { unit: ValueUnit; written: boolean } | undefined {
  let implied = false;
  for (const raw of header) {
    const h = raw.toLowerCase();
    if (/mwh/.test(h)) return { unit: 'MWh', written: true };
    if (/kwh/.test(h)) return { unit: 'kWh', written: true };
    if (/(^|[^a-z])wh([^a-z]|$)/.test(h)) return { unit: 'Wh', written: true };
    if (/(^|[^a-z])mw([^a-z]|$)/.test(h)) return { unit: 'MW', written: true };
    if (/(^|[^a-z])kw([^a-z]|$)/.test(h)) return { unit: 'kW', written: true };
    if (/(^|[^a-z])(moc|power)([^a-z]|$)/.test(foldPolish(h))) implied = true;
  }
  return implied ? { unit: 'kW', written: false } : undefined;
}

// PPE codes: 18 digits starting 590 (the GS1 prefix Polish DSOs use) or 18 characters starting
// PL (the older national format, e.g. PL0037910000001001). Not glued to other letters or digits.
const PPE_IN_TEXT = /(?<![0-9A-Za-z])(590\d{15}|PL[0-9A-Z]{16})(?![0-9A-Za-z])/i;

/** A PPE code found in a text such as a file name, upper-cased, or undefined. */
export function findPpe(text: string): string | undefined {
  const m = PPE_IN_TEXT.exec(text);
  return m ? m[1]!.toUpperCase() : undefined;
}

/**
 * The meter id for a single-meter export that does not name its meter: a PPE code in the file
 * name, else the file name without folders and extension.
 */
export function meterIdFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const ppe = findPpe(base);
  if (ppe !== undefined) return ppe;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem.trim() === '' ? 'meter' : stem.trim();
}

/** Key under which two spellings of the same meter id meet: no spaces, upper case. */
export function meterKey(id: string): string {
  return id.replace(/\s+/g, '').toUpperCase();
}
