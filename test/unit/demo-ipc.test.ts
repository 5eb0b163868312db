/**
 * The demo's readings read without the Arrow library (ingest/demo-ipc.ts) and its register read
 * without the whole importer: the same numbers as apache-arrow and parseFile give, on the real demo
 * files and on generated streams; anything else in a stream is refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  Field,
  Float64,
  Int8,
  Int16,
  Int32,
  Schema,
  Table,
  makeData,
  RecordBatch,
  Struct,
  tableFromIPC,
  tableToIPC,
  type DataType,
} from 'apache-arrow';
import { readIntColumns } from '../../src/ingest/demo-ipc';
import { demoRegister } from '../../src/ingest/demo';
import { parseFile } from '../../src/ingest';

const demoStream = () => new Uint8Array(gunzipSync(readFileSync('public/demo/staszow-2025.arrows.gz')));

/** A stream of `batches` record batches of the given integer columns (values as given). */
function stream(
  columns: { name: string; type: DataType; values: ArrayLike<number>[]; nullable?: boolean }[],
  metadata: Map<string, string>,
): Uint8Array {
  const fields = columns.map((c) => new Field(c.name, c.type, c.nullable ?? false));
  const schema = new Schema(fields, metadata);
  const batches = columns[0]!.values.map((_, b) => {
    const children = columns.map((c) =>
      makeData({ type: c.type as Int32, length: c.values[b]!.length, nullCount: 0, data: c.values[b] as Int32Array }),
    );
    return new RecordBatch(
      schema,
      makeData({ type: new Struct(fields), length: columns[0]!.values[b]!.length, nullCount: 0, children }),
    );
  });
  return tableToIPC(new Table(batches), 'stream');
}

describe('the demo read without apache-arrow', () => {
  it('gives every column and the metadata of the real demo as apache-arrow does', () => {
    const bytes = demoStream();
    const ours = readIntColumns(bytes);
    const arrow = tableFromIPC(bytes);
    expect(ours.rows).toBe(arrow.numRows);
    expect([...ours.metadata]).toEqual([...arrow.schema.metadata]);
    expect([...ours.columns.keys()]).toEqual(arrow.schema.fields.map((f) => f.name));
    for (const f of arrow.schema.fields) expect(ours.columns.get(f.name)).toEqual(arrow.getChild(f.name)!.toArray());
  });

  it('reads Int8, Int16 and Int32 columns over several batches exactly (generated)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 }), fc.integer(), (lengths, seed) => {
        let s = seed >>> 0;
        const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
        const make = (n: number, bits: number) => Array.from({ length: n }, () => (rnd() << (32 - bits)) >> (32 - bits));
        const columns = [
          { name: 'a:import', type: new Int32(), values: lengths.map((n) => Int32Array.from(make(n, 32))) },
          { name: 'ż:export', type: new Int16(), values: lengths.map((n) => Int16Array.from(make(n, 16))) },
          { name: 'c', type: new Int8(), values: lengths.map((n) => Int8Array.from(make(n, 8))) },
        ];
        const bytes = stream(
          columns,
          new Map([
            ['unit', 'Wh'],
            ['step_minutes', '15'],
          ]),
        );
        const ours = readIntColumns(bytes);
        const arrow = tableFromIPC(bytes);
        expect(ours.rows).toBe(lengths.reduce((a, b) => a + b, 0));
        expect(ours.metadata.get('unit')).toBe('Wh');
        for (const c of columns)
          expect(Array.from(ours.columns.get(c.name)!)).toEqual(Array.from(arrow.getChild(c.name)!.toArray()));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses what the demo never holds: other types, nulls, a cut stream, no schema', () => {
    const floats = stream([{ name: 'x', type: new Float64(), values: [Float64Array.from([1.5, 2])] }], new Map());
    expect(() => readIntColumns(floats)).toThrow(/not plain integers/);
    const withNulls = tableToIPC(
      new Table({
        x: makeData({
          type: new Int32(),
          length: 2,
          nullCount: 1,
          data: Int32Array.from([1, 0]),
          nullBitmap: Uint8Array.from([1]),
        }) as never,
      }),
      'stream',
    );
    expect(() => readIntColumns(withNulls)).toThrow(/nulls/);
    const whole = demoStream();
    expect(() => readIntColumns(whole.subarray(0, whole.length >> 1))).toThrow(/past the end/);
    expect(() => readIntColumns(new Uint8Array(8))).toThrow(/no schema/);
  });

  it('reads the demo register as the whole importer does', () => {
    const bytes = new Uint8Array(readFileSync('public/demo/staszow-members.csv'));
    const parsed = parseFile('staszow-members.csv', bytes);
    expect(parsed.kind).toBe('register');
    expect(demoRegister('staszow-members.csv', bytes)).toEqual(parsed.kind === 'register' ? parsed.members : []);
  });
});
