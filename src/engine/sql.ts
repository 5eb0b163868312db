/**
 * SQL over the cluster's tables, the same in the browser and in Node:
 *   readings(ppe VARCHAR, ts TIMESTAMPTZ-as-epoch-ms BIGINT, import_kwh DOUBLE, export_kwh DOUBLE)
 * The engine's kernels are the product's path; this SQL is what users query, and the baseline the
 * kernels are checked and benchmarked against.
 */

/** The wasm build would try to download extensions from the internet; nothing may leave the site. */
export const OFFLINE_SETTINGS = 'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;';

/**
 * The netting windows of §4 steps 2–3 as SQL: each member's import and export summed per window
 * (windows aligned to UTC multiples of the window, which is the hour in Poland), and the cluster's
 * ΣI, ΣE and shared energy S = min(ΣI, ΣE) per window.
 */
function windowsCte(windowMinutes: number): string {
  return `
WITH member_windows AS (
  SELECT ppe, ts // ${windowMinutes * 60_000} AS w, sum(import_kwh) AS i, sum(export_kwh) AS e
  FROM readings GROUP BY ppe, w
), cluster AS (
  SELECT w, sum(i) AS si, sum(e) AS se, least(sum(i), sum(e)) AS s FROM member_windows GROUP BY w
)`;
}

/** Cluster KPIs with the dynamic key (CLUSTERS.md §4 steps 2–5). */
export function balanceSql(windowMinutes: number): string {
  return `${windowsCte(windowMinutes)}
SELECT
  sum(si) AS consumption_kwh,
  sum(se) AS generation_kwh,
  sum(s) AS shared_kwh,
  sum(si - s) AS grid_import_kwh,
  sum(se - s) AS grid_export_kwh,
  sum(s) / nullif(sum(se), 0) AS self_consumption,
  sum(s) / nullif(sum(si), 0) AS self_sufficiency,
  max(si - s) * ${60 / windowMinutes} AS peak_grid_import_kw
FROM cluster`;
}

/** Each member's allocated shared energy under the dynamic key. */
export function memberAllocationSql(windowMinutes: number): string {
  return `${windowsCte(windowMinutes)}
SELECT ppe, sum(i) AS import_kwh, sum(e) AS export_kwh,
       sum(CASE WHEN si > 0 THEN s * i / si ELSE 0 END) AS allocated_kwh
FROM member_windows JOIN cluster USING (w)
GROUP BY ppe ORDER BY ppe`;
}
