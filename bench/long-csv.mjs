// The generic long CSV of the ingest bench: `ppe,timestamp,import_kwh,export_kwh`, M meters × a
// year of quarter-hours, ISO UTC times, seeded. Plain JavaScript: the bench runner (Node) writes
// it to disk for the page's file input, and the page, opened by hand, makes the same bytes.

export const INTERVALS = 35_040;
const START = Date.UTC(2024, 11, 31, 23);

/** Meter `m`'s rows, as text pieces (a meter's year is about 1.7 MB). */
export function* longCsvPieces(meters) {
  yield 'ppe,timestamp,import_kwh,export_kwh\n';
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const stamps = Array.from({ length: INTERVALS }, (_, k) => new Date(START + k * 900_000).toISOString().replace('.000', ''));
  for (let m = 0; m < meters; m++) {
    const id = `PL${String(m).padStart(16, '0')}`;
    const rows = [];
    for (let k = 0; k < INTERVALS; k++) {
      const v = rnd() * 4 - 1;
      rows.push(`${id},${stamps[k]},${v > 0 ? v.toFixed(3) : '0.000'},${v < 0 ? (-v).toFixed(3) : '0.000'}\n`);
    }
    yield rows.join('');
  }
}
