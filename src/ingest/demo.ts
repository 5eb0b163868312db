/**
 * The demo cluster as stored in public/demo: an Arrow IPC stream (gzip) with one Int32 column of
 * Wh per member and flow, named `<PPE>:import` and `<PPE>:export`, plus the member register.
 * Integer Wh keep the file small and convert to exactly the kWh a CSV with three decimals gives.
 */
import { tableFromIPC } from 'apache-arrow';
import type { ClusterData, Member } from './cluster-data';
import { parseFile } from './index';

/** Decodes the demo's Arrow stream (already gunzipped) with its register into cluster data. */
export function decodeDemo(arrowStream: Uint8Array, register: Member[]): ClusterData {
  const table = tableFromIPC(arrowStream);
  const meta = table.schema.metadata;
  const stepMinutes = Number(meta.get('step_minutes'));
  const startUtcMs = Date.parse(meta.get('start_utc') ?? '');
  const intervals = table.numRows;
  if (!(stepMinutes > 0) || !Number.isFinite(startUtcMs)) throw new Error('demo data lacks step_minutes or start_utc');
  const divisor = meta.get('unit') === 'Wh' ? 1000 : 1;

  const imports = new Float64Array(register.length * intervals);
  const exports = new Float64Array(register.length * intervals);
  register.forEach((member, i) => {
    fill(imports, i * intervals, table.getChild(`${member.id}:import`)?.toArray(), divisor);
    fill(exports, i * intervals, table.getChild(`${member.id}:export`)?.toArray(), divisor);
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

/** The demo's member register, read by the same importer as any user's register. */
export function demoRegister(name: string, bytes: Uint8Array): Member[] {
  const parsed = parseFile(name, bytes);
  if (parsed.kind !== 'register') throw new Error(`${name} is not a member register`);
  return parsed.members;
}
