/**
 * The cluster's data as Arrow IPC streams for DuckDB: `readings` in long form (one row per member
 * and interval) and `members` (the register). Built once per load, in the engine's worker.
 */
import { Dictionary, Float64, Int32, Int64, Utf8, makeData, makeVector, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { ClusterData, Member } from '../ingest/cluster-data';

const SLICE_BYTES = 8 * 2 ** 20;

/**
 * `readings` in slices of whole members, each at most about `maxBytes` of Arrow, so that neither
 * the worker nor DuckDB ever holds one buffer of the whole year on top of the data itself.
 */
export function readingsIpcChunks(data: ClusterData, maxBytes = SLICE_BYTES): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let k = 0, slices = 1; k < slices; k++) {
    const s = readingsIpcSlice(data, k, maxBytes);
    chunks.push(s.chunk);
    slices = s.slices;
  }
  return chunks;
}

/**
 * Slice `k` of readingsIpcChunks, built alone (the page asks for one at a time), and how many
 * slices there are (at least one: a cluster without members gives one empty slice). 8 MB a
 * slice: DuckDB's memory only grows (wasm), to the largest slice it held uncompressed; 300
 * Tauron exports peak at 1.54× the files with 8 MB slices, 1.98× with 32 MB
 * (bench/run.mjs --only ingest).
 */
export function readingsIpcSlice(data: ClusterData, k: number, maxBytes = SLICE_BYTES): { chunk: Uint8Array; slices: number } {
  const n = data.intervals;
  const perMember = Math.max(1, n * 28); // ts 8 + import 8 + export 8 + member index 4 bytes
  const per = Math.max(1, Math.floor(maxBytes / perMember));
  const slices = Math.max(1, Math.ceil(data.members.length / per));
  if (!(k >= 0 && k < slices)) throw new Error(`no slice ${k} of the readings table (${slices})`);
  const i = k * per;
  const members = data.members.slice(i, i + per);
  const chunk = readingsIpc({
    ...data,
    members,
    imports: data.imports.subarray(i * n, (i + members.length) * n),
    exports: data.exports.subarray(i * n, (i + members.length) * n),
  });
  return { chunk, slices };
}

export function readingsIpc(data: ClusterData): Uint8Array {
  const m = data.members.length;
  const n = data.intervals;
  const rows = m * n;
  const member = new Int32Array(rows);
  const ts = new BigInt64Array(rows);
  const stepMs = data.stepMinutes * 60_000;
  // Every member has the same interval starts: made once (a BigInt each), then copied.
  const starts = new BigInt64Array(n);
  for (let k = 0; k < n; k++) starts[k] = BigInt(data.startUtcMs + k * stepMs);
  for (let i = 0; i < m; i++) {
    member.fill(i, i * n, (i + 1) * n);
    ts.set(starts, i * n);
  }
  const ppe = makeVector(
    makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      length: rows,
      nullCount: 0,
      data: member,
      dictionary: vectorFromArray(
        data.members.map((x) => x.id),
        new Utf8(),
      ),
    }),
  );
  const table = new Table({
    ppe,
    ts: makeVector(makeData({ type: new Int64(), length: rows, nullCount: 0, data: ts })),
    import_kwh: makeVector(makeData({ type: new Float64(), length: rows, nullCount: 0, data: data.imports })),
    export_kwh: makeVector(makeData({ type: new Float64(), length: rows, nullCount: 0, data: data.exports })),
  });
  return tableToIPC(table, 'stream');
}

export function membersIpc(members: Member[]): Uint8Array {
  const col = <K extends keyof Member>(k: K) => members.map((x) => x[k]);
  const table = new Table({
    ppe: vectorFromArray(col('id'), new Utf8()),
    name: vectorFromArray(col('name'), new Utf8()),
    type: vectorFromArray(col('type'), new Utf8()),
    tariff: vectorFromArray(col('tariff'), new Utf8()),
    gmina: vectorFromArray(col('gmina'), new Utf8()),
    pv_kwp: vectorFromArray(col('pvKwp'), new Float64()),
    wind_kw: vectorFromArray(col('windKw'), new Float64()),
    biogas_kw: vectorFromArray(col('biogasKw'), new Float64()),
  });
  return tableToIPC(table, 'stream');
}
