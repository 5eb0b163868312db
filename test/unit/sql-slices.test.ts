/**
 * The readings table for DuckDB, handed to the page one slice at a time (readingsIpcSlice): the
 * slices are the chunks built all at once, in order, whole members each, and they hold every
 * reading once.
 */
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { readingsIpcChunks, readingsIpcSlice } from '../../src/engine/sql-tables';
import { syntheticCluster } from '../../bench/pages/synthetic';

describe('readings table slices', () => {
  it('are the chunks, one at a time, whole members each', () => {
    const data = syntheticCluster(7, 96);
    const maxBytes = 96 * 28 * 3; // three members a slice
    const chunks = readingsIpcChunks(data, maxBytes);
    const first = readingsIpcSlice(data, 0, maxBytes);
    expect(first.slices).toBe(3);
    expect(chunks).toHaveLength(3);
    const rows: number[] = [];
    for (let k = 0; k < first.slices; k++) {
      const s = readingsIpcSlice(data, k, maxBytes);
      const table = tableFromIPC(s.chunk);
      // Compared as tables: each build numbers its dictionary afresh.
      expect(table.toArray().map((r) => r.toJSON())).toEqual(
        tableFromIPC(chunks[k]!)
          .toArray()
          .map((r) => r.toJSON()),
      );
      rows.push(table.numRows);
      const ppe = table.getChild('ppe')!;
      expect(ppe.get(0)).toBe(data.members[k * 3]!.id);
      expect(table.getChild('import_kwh')!.get(0)).toBe(data.imports[k * 3 * 96]);
    }
    expect(rows).toEqual([3 * 96, 3 * 96, 96]);
    expect(() => readingsIpcSlice(data, 3, maxBytes)).toThrow(/no slice 3/);
  });
});
