/**
 * The demo cluster as stored in public/demo: an Arrow IPC stream (gzip) with one integer column of
 * Wh per member and flow, named `<PPE>:import` and `<PPE>:export`, plus the member register.
 * Integer Wh keep the file small and convert to exactly the kWh a CSV with three decimals gives.
 *
 * Both are read without the whole importer (its Arrow and Parquet readers would weigh down the
 * engine worker's start, which the demo's first KPIs wait for): the stream by demo-ipc.ts, the
 * register by the same CSV and register readers every user's register goes through.
 */
import type { ClusterData, Member } from './cluster-data';
import { readIntColumns } from './demo-ipc';
import { CsvReader } from './csv';
import { normaliseName } from './names';
import { matchRegister, readRegister } from './register';

/** Decodes the demo's Arrow stream (already gunzipped) with its register into cluster data. */
export function decodeDemo(arrowStream: Uint8Array, register: Member[]): ClusterData {
  const table = readIntColumns(arrowStream);
  const meta = table.metadata;
  const stepMinutes = Number(meta.get('step_minutes'));
  const startUtcMs = Date.parse(meta.get('start_utc') ?? '');
  const intervals = table.rows;
  if (!(stepMinutes > 0) || !Number.isFinite(startUtcMs)) throw new Error('demo data lacks step_minutes or start_utc');
  const divisor = meta.get('unit') === 'Wh' ? 1000 : 1;

  const imports = new Float64Array(register.length * intervals);
  const exports = new Float64Array(register.length * intervals);
  register.forEach((member, i) => {
    fill(imports, i * intervals, table.columns.get(`${member.id}:import`), divisor);
    fill(exports, i * intervals, table.columns.get(`${member.id}:export`), divisor);
  });
  return { members: register, stepMinutes, startUtcMs, intervals, imports, exports };
}

// Division, not multiplication by 0.001: 2669 / 1000 is exactly the double that "2.669" parses to.
function fill(target: Float64Array, at: number, values: ArrayLike<number> | undefined, divisor: number): void {
  if (!values) return; // a member with no such flow: zeros
  for (let k = 0; k < values.length; k++) target[at + k] = values[k] / divisor;
}

/**
 * Gunzips in the browser or Node (DecompressionStream exists in both). Bytes that are not gzip
 * pass through: some static servers send a `.gz` file with `Content-Encoding: gzip`, and the
 * browser has then already unpacked it.
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The demo's member register (ours: UTF-8, semicolons, decimal commas, its header on the first
 * line), read by the register reader every user's register goes through.
 */
export function demoRegister(name: string, bytes: Uint8Array): Member[] {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  const reader = new CsvReader(name, text, ';');
  if (!reader.next()) throw new Error(`${name} is empty`);
  const header = [...reader.fields];
  const names = header.map(normaliseName);
  const columns = matchRegister(names);
  if (!columns) throw new Error(`${name} is not a member register`);
  const ctx = {
    file: name,
    reader,
    header,
    names,
    headerLine: reader.line,
    decimalMark: ',' as const,
    lineEstimate: 64,
    warnings: [],
    overrides: {},
  };
  return readRegister(ctx, columns).members;
}
