/**
 * A loaded file's meter series and the cluster's rows made from them hold, for most meters, the
 * same numbers: a meter read whole from one file lands on its row unchanged. The workspace keeps
 * each file's series (to assemble again when a file is removed, corrected or preferred) beside
 * the cluster, so every reading was held twice. Where a row equals its series exactly, the series
 * becomes a view of that row and its own copy is let go (the 174 MB long CSV's series are 56 MB,
 * 300 hourly Tauron exports' 84 MB). It is freed at once (releaseMemory) when the series came
 * as a copy (small files); a buffer moved here in a message stays held by that message until the
 * worker's next garbage collection — measured in Chromium, where ArrayBuffer.prototype.transfer
 * frees a copied-in buffer at once and a moved-in one not at all (large files: parse-worker.ts).
 *
 * The cluster's rows are never written after assembly and gap filling (scenarios, kernels and
 * SQL tables copy them), so a view stays equal to the series it replaced. A series that does not
 * equal its row in the next assembly is copied out of the old rows, so no old cluster is kept
 * alive by a few views into it.
 */
import type { ClusterData, MeterSeries } from '../ingest/cluster-data';
import { meterKey } from '../ingest/names';
import { releaseMemory } from '../ingest/release-memory';

/** Whether series share their rows (the tests compare a workspace without it). */
export const rowSharing = { enabled: true };

/**
 * Replaces, in `files` (each file's series, changed in place), every series that equals its
 * member's row in `data` by views of that row; copies out any other series that is a view.
 */
export function shareRows(files: MeterSeries[][], data: ClusterData): void {
  if (!rowSharing.enabled) return;
  const n = data.intervals;
  const rows = new Map(data.members.map((m, i) => [meterKey(m.id), i]));
  // A meter in two series (two files) is assembled from both: its row equals neither alone.
  const seen = new Map<string, number>();
  for (const series of files) for (const s of series) seen.set(meterKey(s.id), (seen.get(meterKey(s.id)) ?? 0) + 1);
  for (const series of files) {
    series.forEach((s, j) => {
      const key = meterKey(s.id);
      const row = rows.get(key);
      const fits =
        row !== undefined &&
        seen.get(key) === 1 &&
        s.generation === undefined &&
        s.stepMinutes === data.stepMinutes &&
        s.startUtcMs === data.startUtcMs &&
        s.import.length === n &&
        s.export.length === n;
      if (fits) {
        const imp = data.imports.subarray(row * n, (row + 1) * n);
        const exp = data.exports.subarray(row * n, (row + 1) * n);
        if (sameView(s.import, imp) && sameView(s.export, exp)) return;
        if (sameValues(s.import, imp) && sameValues(s.export, exp)) {
          series[j] = { ...s, import: imp, export: exp };
          // Nothing else holds its own copy (the file's quality, if still to come, reads the same
          // series array, now the views): freed now where it can be (see the note above).
          for (const own of [s.import, s.export]) if (!isView(own)) releaseMemory(own);
          return;
        }
      }
      if (isView(s.import) || isView(s.export)) series[j] = { ...s, import: s.import.slice(), export: s.export.slice() };
    });
  }
}

/** Equal value for value, and no gap (a row's gaps are filled, its series' are not). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameView(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length === b.length;
}

/** A view into a larger buffer (a cluster's rows), not an array of its own. */
export function isView(a: Float64Array): boolean {
  return a.byteLength !== a.buffer.byteLength;
}
