/**
 * The demo's readings file read without the Arrow library: an Arrow IPC stream of integer
 * columns (Int8/16/32, no nulls, uncompressed, little-endian) with key/value metadata on its
 * schema, which is exactly what scripts/generate-demo.mjs writes. The engine worker's first
 * answer waits for its script; apache-arrow is 40% of that script, and the demo needs only this.
 * Anything else in the stream is refused with a plain message (user files go through ingest/).
 *
 * Flatbuffers by hand (Arrow's Message.fbs and Schema.fbs): a table starts with the offset back
 * to its vtable, whose u16 slots give each field's offset in the table (0: absent).
 */

/** Columns by name, in schema order, batches concatenated; the schema's metadata. */
export interface IntColumns {
  rows: number;
  metadata: Map<string, string>;
  columns: Map<string, Int8Array | Int16Array | Int32Array>;
}

const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const TYPE_INT = 2;

class FlatTable {
  constructor(
    private readonly b: DataView,
    readonly at: number,
  ) {}

  static root(b: DataView): FlatTable {
    return new FlatTable(b, b.getUint32(0, true));
  }

  /** The offset of field `i` inside the table, or 0 when the field is absent. */
  private slot(i: number): number {
    const vtable = this.at - this.b.getInt32(this.at, true);
    const size = this.b.getUint16(vtable, true);
    return 4 + 2 * i < size ? this.b.getUint16(vtable + 4 + 2 * i, true) : 0;
  }

  u8(i: number, fallback = 0): number {
    const o = this.slot(i);
    return o ? this.b.getUint8(this.at + o) : fallback;
  }
  i16(i: number, fallback = 0): number {
    const o = this.slot(i);
    return o ? this.b.getInt16(this.at + o, true) : fallback;
  }
  i32(i: number, fallback = 0): number {
    const o = this.slot(i);
    return o ? this.b.getInt32(this.at + o, true) : fallback;
  }
  i64(i: number): number {
    const o = this.slot(i);
    return o ? Number(this.b.getBigInt64(this.at + o, true)) : 0;
  }
  has(i: number): boolean {
    return this.slot(i) !== 0;
  }

  /** Where an offset field points (a table, vector or string), or -1 when absent. */
  private target(i: number): number {
    const o = this.slot(i);
    if (!o) return -1;
    const p = this.at + o;
    return p + this.b.getUint32(p, true);
  }
  table(i: number): FlatTable | null {
    const t = this.target(i);
    return t < 0 ? null : new FlatTable(this.b, t);
  }
  string(i: number): string {
    const t = this.target(i);
    if (t < 0) return '';
    const n = this.b.getUint32(t, true);
    return new TextDecoder().decode(new Uint8Array(this.b.buffer, this.b.byteOffset + t + 4, n));
  }
  tables(i: number): FlatTable[] {
    const t = this.target(i);
    if (t < 0) return [];
    const n = this.b.getUint32(t, true);
    return Array.from({ length: n }, (_, k) => {
      const p = t + 4 + 4 * k;
      return new FlatTable(this.b, p + this.b.getUint32(p, true));
    });
  }
  /** A vector of structs of `longs` 64-bit integers each, as numbers. */
  structs(i: number, longs: number): number[][] {
    const t = this.target(i);
    if (t < 0) return [];
    const n = this.b.getUint32(t, true);
    return Array.from({ length: n }, (_, k) =>
      Array.from({ length: longs }, (_, j) => Number(this.b.getBigInt64(t + 4 + 8 * (k * longs + j), true))),
    );
  }
}

function refuse(what: string): never {
  throw new Error(`demo readings: ${what} (an Arrow IPC stream of integer columns without nulls is expected)`);
}

/** Reads the stream `bytes` (already gunzipped). */
export function readIntColumns(bytes: Uint8Array): IntColumns {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let fields: { name: string; width: number }[] | null = null;
  const metadata = new Map<string, string>();
  const parts: Uint8Array[][] = [];
  let rows = 0;
  for (;;) {
    if (at + 4 > bytes.length) break; // the end-of-stream marker is optional
    let length = view.getInt32(at, true);
    at += 4;
    if (length === -1) {
      length = view.getInt32(at, true);
      at += 4;
    }
    if (length === 0) break;
    if (length < 0 || at + length > bytes.length) refuse('a message runs past the end');
    const message = FlatTable.root(new DataView(bytes.buffer, bytes.byteOffset + at, length));
    at += length;
    const bodyLength = message.i64(3);
    const body = at;
    at += bodyLength;
    if (at > bytes.length) refuse('a message body runs past the end');
    const header = message.table(2);
    const kind = message.u8(1);
    if (!header) refuse('a message without a header');
    if (kind === HEADER_SCHEMA) {
      if (header.i16(0) !== 0) refuse('big-endian data');
      for (const kv of header.tables(2)) metadata.set(kv.string(0), kv.string(1));
      fields = header.tables(1).map((f) => {
        if (f.u8(2) !== TYPE_INT || f.has(4)) refuse(`column ${f.string(0)} is not plain integers`);
        const type = f.table(3)!;
        const width = type.i32(0);
        if (![8, 16, 32].includes(width) || type.u8(1) !== 1) refuse(`column ${f.string(0)} is not Int8/16/32`);
        return { name: f.string(0), width };
      });
      continue;
    }
    if (kind !== HEADER_RECORD_BATCH) refuse(`message type ${kind}`);
    if (!fields) refuse('a record batch before the schema');
    if (header.has(3)) refuse('compressed buffers');
    const batchRows = header.i64(0);
    const nodes = header.structs(1, 2);
    const buffers = header.structs(2, 2);
    if (nodes.length !== fields.length || buffers.length !== 2 * fields.length) refuse('a batch that does not match its schema');
    fields.forEach((f, c) => {
      if (nodes[c]![0] !== batchRows || nodes[c]![1] !== 0) refuse(`column ${f.name} has nulls`);
      const [offset, size] = buffers[2 * c + 1]!;
      const need = (batchRows * f.width) / 8;
      if (size! < need || offset! + need > bodyLength) refuse(`column ${f.name}'s data runs past its batch`);
      (parts[c] ??= []).push(bytes.subarray(body + offset!, body + offset! + need));
    });
    rows += batchRows;
  }
  if (!fields) refuse('no schema');
  const columns = new Map<string, Int8Array | Int16Array | Int32Array>();
  fields.forEach((f, c) => {
    // Copied into a fresh, aligned buffer (the body's offsets need not be aligned in `bytes`).
    const out = new Uint8Array((rows * f.width) / 8);
    let k = 0;
    for (const p of parts[c] ?? []) {
      out.set(p, k);
      k += p.length;
    }
    columns.set(
      f.name,
      f.width === 8 ? new Int8Array(out.buffer) : f.width === 16 ? new Int16Array(out.buffer) : new Int32Array(out.buffer),
    );
  });
  return { rows, metadata, columns };
}
