/**
 * A walk over every page header of a Parquet file before hyparquet decodes it. hyparquet sizes its
 * arrays by the counts in the page headers; a damaged header claiming a hundred million values
 * makes V8 abort the whole process (a fatal "invalid size" error no try/catch sees), which in the
 * browser would kill the tab. So each page must claim no more values than its column chunk holds,
 * and the pages must tile the chunk exactly.
 *
 * The headers are Thrift compact protocol; only the fields needed here are read, the rest skipped.
 */
import type { FileMetaData } from 'hyparquet';

/** Thrift compact-protocol type ids. */
const T = { TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 };

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}

  byte(): number {
    if (this.at >= this.end) throw new Error('a page header runs past its column chunk');
    return this.b[this.at++]!;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
    throw new Error('a page header holds a malformed number');
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  skip(type: number, depth: number): void {
    if (depth > 16) throw new Error('a page header is nested too deeply');
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return;
      case T.BYTE:
        this.byte();
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        this.varint();
        return;
      case T.DOUBLE:
        this.advance(8);
        return;
      case T.BINARY:
        this.advance(this.varint());
        return;
      case T.LIST:
      case T.SET: {
        const head = this.byte();
        const size = head >> 4 === 15 ? this.varint() : head >> 4;
        for (let i = 0; i < size; i++) this.skip(head & 15, depth + 1);
        return;
      }
      case T.MAP: {
        const size = this.varint();
        if (size === 0) return;
        const kv = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kv >> 4, depth + 1);
          this.skip(kv & 15, depth + 1);
        }
        return;
      }
      case T.STRUCT:
        this.struct(() => false, depth + 1);
        return;
      default:
        throw new Error(`a page header holds an unknown field type ${type}`);
    }
  }

  /** Reads a struct's fields; `field(id, type)` reads the ones it wants and returns true. */
  struct(field: (id: number, type: number) => boolean, depth = 0): void {
    let id = 0;
    for (;;) {
      const head = this.byte();
      if (head === 0) return;
      const type = head & 15;
      id = head >> 4 === 0 ? this.zigzag() : id + (head >> 4);
      if (!field(id, type)) this.skip(type, depth);
    }
  }

  private advance(n: number): void {
    if (!(n >= 0) || this.at + n > this.end) throw new Error('a page header runs past its column chunk');
    this.at += n;
  }
}

interface PageCounts {
  compressedSize: number;
  uncompressedSize: number;
  values: number;
}

function readPageHeader(r: Reader): PageCounts {
  const page: PageCounts = { compressedSize: -1, uncompressedSize: -1, values: 0 };
  r.struct((id, type) => {
    if ((id === 2 || id === 3) && type === T.I32) {
      const v = r.zigzag();
      if (id === 2) page.uncompressedSize = v;
      else page.compressedSize = v;
      return true;
    }
    // 5 data page, 7 dictionary page, 8 data page v2: field 1 of each is num_values.
    if ((id === 5 || id === 7 || id === 8) && type === T.STRUCT) {
      r.struct((inner, innerType) => {
        if (inner === 1 && innerType === T.I32) {
          page.values = Math.max(page.values, r.zigzag());
          return true;
        }
        return false;
      });
      return true;
    }
    return false;
  });
  return page;
}

/** Throws an Error saying what is wrong when any page header claims more than its chunk holds. */
export function checkPageHeaders(bytes: Uint8Array, metadata: FileMetaData): void {
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) throw new Error('a column chunk has no metadata');
      const values = Number(meta.num_values);
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      const dataStart = Number(meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (![values, start, end, rows].every(Number.isSafeInteger) || start < 4 || end > bytes.length - 8 || values > rows) {
        throw new Error('a column chunk lies outside the file or claims more values than rows');
      }
      const limit = Math.max(values, 1);
      let at = Math.min(start, dataStart);
      while (at < end) {
        const r = new Reader(bytes, at, end);
        const page = readPageHeader(r);
        if (page.compressedSize < 0 || page.uncompressedSize < 0 || r.at + page.compressedSize > end) {
          throw new Error('a page does not fit in its column chunk');
        }
        if (page.values > limit) throw new Error(`a page claims ${page.values} values in a column of ${values}`);
        at = r.at + page.compressedSize;
      }
    }
  }
}
