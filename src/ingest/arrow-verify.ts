/**
 * A bounds check of an Arrow IPC stream's metadata before apache-arrow decodes it. apache-arrow
 * trusts the flatbuffers it reads: a damaged vector length (a byte flipped in a download) makes
 * it build billions of objects, and the out-of-memory crash that follows is no exception any
 * try/catch could turn into a ParseError. So every message's framing, every table and vector of
 * its metadata (Message.fbs, Schema.fbs), and every batch's rows, nodes and buffers are checked
 * against the bytes actually there.
 */

/** What the stream holds, once checked. */
export interface StreamShape {
  /** Rows of all record batches. */
  rows: number;
  /** Record batches and dictionary batches. */
  batches: number;
}

/** Why a stream was refused (turned into a ParseError by the caller). */
export class BadArrow extends Error {}

/** Deepest nesting of fields (a struct of lists of structs…) accepted. */
const MAX_DEPTH = 64;
// MessageHeader union members, and Type's Union (which has a vector of type ids).
const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;
const TYPE_UNION = 14;

/** Checks a stream (continuation-marked or legacy framing) and returns its shape; BadArrow if damaged. */
export function checkArrowStream(bytes: Uint8Array): StreamShape {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: StreamShape = { rows: 0, batches: 0 };
  const state = { schema: false };
  let pos = 0;
  while (pos + 4 <= bytes.length) {
    const next = checkMessageAt(view, pos, state, shape);
    if (next < 0) break; // end-of-stream marker
    pos = next;
  }
  if (!state.schema) throw new BadArrow('there is no schema');
  return shape;
}

/**
 * Checks an IPC file (`ARROW1`, padding, messages, the footer, its int32 length, `ARROW1`) the way
 * apache-arrow reads it: the schema from the footer, then each dictionary and record batch at the
 * block the footer points to.
 */
export function checkArrowFile(bytes: Uint8Array): StreamShape {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  if (n < 18) throw new BadArrow('the file is cut short');
  const footerLength = view.getInt32(n - 10, true);
  const footerStart = n - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) throw new BadArrow('its footer length is wrong');
  const fb = new Flatbuffer(view, footerStart, n - 10);
  const footer = fb.root();
  const schema = fb.tableField(footer, 1);
  if (schema === 0) throw new BadArrow('there is no schema');
  checkSchema(fb, schema);
  checkKeyValues(fb, footer, 4);
  const shape: StreamShape = { rows: 0, batches: 0 };
  const state = { schema: true };
  for (const index of [2, 3]) {
    // Block: offset (int64), metadata length (int32, padded), body length (int64): 24 bytes.
    const blocks = fb.vectorField(footer, index, 24);
    for (let i = 0; i < blocks.length; i++) {
      const at = blocks.start + 24 * i;
      const offset = fb.i64(at);
      if (offset < 8 || offset + 8 > footerStart) throw new BadArrow('a block lies outside the file');
      checkMessageAt(view, offset, state, shape, footerStart);
    }
  }
  return shape;
}

/**
 * Checks the message at `pos` (its framing, metadata and body bounds) and returns where the next
 * one starts, or −1 at an end-of-stream marker.
 */
function checkMessageAt(
  view: DataView,
  pos: number,
  state: { schema: boolean },
  shape: StreamShape,
  end = view.byteLength,
): number {
  if (pos + 4 > end) throw new BadArrow('the file is cut short');
  let metaLength = view.getInt32(pos, true);
  let metaStart = pos + 4;
  if (metaLength === -1) {
    if (pos + 8 > end) throw new BadArrow('the file is cut short');
    metaLength = view.getInt32(pos + 4, true);
    metaStart = pos + 8;
  }
  if (metaLength === 0) return -1;
  if (metaLength < 0 || metaStart + metaLength > end) throw new BadArrow('a message is longer than the file');
  const fb = new Flatbuffer(view, metaStart, metaStart + metaLength);
  const message = fb.root();
  const headerType = fb.u8Field(message, 1);
  const header = fb.tableField(message, 2);
  const bodyLength = fb.i64Field(message, 3);
  checkKeyValues(fb, message, 4);
  const bodyStart = metaStart + metaLength;
  if (bodyStart + bodyLength > end) throw new BadArrow('a message body is longer than the file');
  if (header === 0) throw new BadArrow('a message has no header');
  if (headerType === SCHEMA) {
    checkSchema(fb, header);
    state.schema = true;
  } else if (headerType === RECORD_BATCH || headerType === DICTIONARY_BATCH) {
    if (!state.schema) throw new BadArrow('data come before the schema');
    const batch = headerType === RECORD_BATCH ? header : fb.tableField(header, 1);
    if (batch === 0) throw new BadArrow('a dictionary batch has no data');
    const length = checkBatch(fb, batch, bodyLength);
    if (headerType === RECORD_BATCH) shape.rows += length;
    shape.batches++;
  } else {
    throw new BadArrow(`message type ${headerType} is not part of a table (a tensor?)`);
  }
  return bodyStart + bodyLength;
}

/** Rows a batch claims, after checking its nodes and buffers against its body. */
function checkBatch(fb: Flatbuffer, batch: number, bodyLength: number): number {
  // Every column type but Null takes at least a bit per row in the body.
  const maxRows = Math.max(1024, 8 * bodyLength);
  const length = fb.i64Field(batch, 0);
  if (length > maxRows) throw new BadArrow(`a batch claims ${length} rows in ${bodyLength} bytes`);
  const nodes = fb.vectorField(batch, 1, 16);
  for (let i = 0; i < nodes.length; i++) {
    const at = nodes.start + 16 * i;
    const values = fb.i64(at);
    const nulls = fb.i64(at + 8);
    if (values > maxRows || nulls > values) throw new BadArrow('a column claims more values than its batch holds');
  }
  const buffers = fb.vectorField(batch, 2, 16);
  for (let i = 0; i < buffers.length; i++) {
    const at = buffers.start + 16 * i;
    if (fb.i64(at) + fb.i64(at + 8) > bodyLength) throw new BadArrow('a buffer lies outside its message');
  }
  fb.tableField(batch, 3);
  fb.vectorField(batch, 4, 8);
  return length;
}

function checkSchema(fb: Flatbuffer, schema: number): void {
  checkFields(fb, schema, 1, 0);
  checkKeyValues(fb, schema, 2);
  fb.vectorField(schema, 3, 8);
}

/** The vector of Field tables in field `index` of `table`, recursively. */
function checkFields(fb: Flatbuffer, table: number, index: number, depth: number): void {
  if (depth > MAX_DEPTH) throw new BadArrow('fields are nested too deep');
  const fields = fb.vectorField(table, index, 4);
  for (let i = 0; i < fields.length; i++) {
    const field = fb.indirect(fields.start + 4 * i);
    fb.stringField(field, 0);
    const typeType = fb.u8Field(field, 2);
    const type = fb.tableField(field, 3);
    if (type !== 0 && typeType === TYPE_UNION) fb.vectorField(type, 1, 4);
    const dictionary = fb.tableField(field, 4);
    if (dictionary !== 0) fb.tableField(dictionary, 1);
    checkFields(fb, field, 5, depth + 1);
    checkKeyValues(fb, field, 6);
  }
}

function checkKeyValues(fb: Flatbuffer, table: number, index: number): void {
  const pairs = fb.vectorField(table, index, 4);
  for (let i = 0; i < pairs.length; i++) {
    const pair = fb.indirect(pairs.start + 4 * i);
    fb.stringField(pair, 0);
    fb.stringField(pair, 1);
  }
}

/** Reads a flatbuffer within [start, end), refusing anything that points outside. */
class Flatbuffer {
  constructor(
    private readonly view: DataView,
    private readonly start: number,
    private readonly end: number,
  ) {}

  private need(at: number, size: number): void {
    if (!(at >= this.start && at + size <= this.end)) throw new BadArrow('the metadata points outside itself');
  }

  u8(at: number): number {
    this.need(at, 1);
    return this.view.getUint8(at);
  }

  u16(at: number): number {
    this.need(at, 2);
    return this.view.getUint16(at, true);
  }

  u32(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, true);
  }

  /** A non-negative int64 that fits a double exactly. */
  i64(at: number): number {
    this.need(at, 8);
    const v = this.view.getBigInt64(at, true);
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new BadArrow(`a length of ${v} is impossible`);
    return Number(v);
  }

  /** The table the buffer's root offset points to. */
  root(): number {
    return this.table(this.start + this.u32(this.start));
  }

  /** Checks a table's vtable and returns the table's position. */
  table(at: number): number {
    this.need(at, 4);
    const vtable = at - this.view.getInt32(at, true);
    const vtableLength = this.u16(vtable);
    const tableLength = this.u16(vtable + 2);
    if (vtableLength < 4 || vtableLength % 2 !== 0) throw new BadArrow('a metadata table is damaged');
    this.need(vtable, vtableLength);
    this.need(at, Math.max(4, tableLength));
    return at;
  }

  /** Position of field `index` of a table, or 0 when absent. */
  field(table: number, index: number): number {
    const vtable = table - this.view.getInt32(table, true);
    const vtableLength = this.u16(vtable);
    if (4 + 2 * index >= vtableLength) return 0;
    const offset = this.u16(vtable + 4 + 2 * index);
    return offset === 0 ? 0 : table + offset;
  }

  indirect(at: number): number {
    return this.table(at + this.u32(at));
  }

  u8Field(table: number, index: number): number {
    const at = this.field(table, index);
    return at === 0 ? 0 : this.u8(at);
  }

  i64Field(table: number, index: number): number {
    const at = this.field(table, index);
    return at === 0 ? 0 : this.i64(at);
  }

  /** A sub-table, or 0 when absent. */
  tableField(table: number, index: number): number {
    const at = this.field(table, index);
    return at === 0 ? 0 : this.indirect(at);
  }

  /** A vector of `size`-byte elements (4 for offsets to tables), empty when absent. */
  vectorField(table: number, index: number, size: number): { start: number; length: number } {
    const at = this.field(table, index);
    if (at === 0) return { start: 0, length: 0 };
    const vector = at + this.u32(at);
    const length = this.u32(vector);
    this.need(vector + 4, length * size);
    return { start: vector + 4, length };
  }

  stringField(table: number, index: number): void {
    this.vectorField(table, index, 1);
  }
}
