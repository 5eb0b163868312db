/**
 * A UTF-8 (or ASCII) file's text decoded a piece at a time, each piece ending where a line ends,
 * so that the CSV reader never holds the whole text: a 170 MB export would otherwise be held as
 * bytes and as text at once — and as two bytes a character as soon as one letter outside Latin-1
 * (ś, ć in Tauron's header) is anywhere in it. Pieces without such a letter stay one byte a
 * character.
 *
 * Only the plain case goes this way: no UTF-16 BOM, no NUL character (UTF-16 without a BOM has
 * them too), no quote (a quoted field may hold a line break, which a piece must not cut). A piece
 * that is not valid UTF-8, or holds a quote or a NUL, throws NotUtf8: the caller then reads the
 * whole file with decodeBytes, which knows the code pages and mixed files. (Looking for them in
 * each piece's text as it is decoded is much cheaper than scanning the bytes first; a file that
 * has them mostly has them on its first lines.) The text of the pieces is what decodeBytes
 * gives: no BOM, `\n` line ends only.
 */

import { type ByteSource, memorySource } from './byte-source';
import type { TextEncodingName } from './decode';

/** A plain UTF-8 or ASCII file's bytes, as a reader of bytes (long-bytes.ts) takes them. */
export interface PlainBytes {
  /** Where 1-based line `line` starts, lines ending with LF or CRLF; -1 when a lone CR or the end of the file comes first. */
  lineStart(line: number): number;
  /**
   * The bytes from `from` to `to` (line starts; by default the end of the file), in chunks that
   * each end just after a line feed (the last one at `to`): a reader never holds the whole file.
   */
  chunks(from: number, to?: number): Generator<Uint8Array>;
  /** Just after the first line feed at or after `at` (the end of the file when there is none). */
  nextLineStart(at: number): number;
  /**
   * Says that the bytes from `from` on were checked by a byte reader (UTF-8, no quote, no NUL),
   * and whether a letter beyond ASCII was among them: the pieces need not be decoded to tell
   * the file's encoding.
   */
  verified(from: number, nonAscii: boolean): void;
}

/** Bytes per piece (the piece then runs on to the end of its line). */
export const PIECE_BYTES = 64 * 1024;

/** The piece size parseFile uses: PIECE_BYTES, but the tests cut small files into many pieces. */
export const pieceSize = { bytes: PIECE_BYTES };

/** Bytes per chunk of a byte reader (then on to the end of its line); the tests cut small files too. */
export const chunkSize = { bytes: 8 * 2 ** 20 };

/** The bytes are not UTF-8 (or not plain enough for pieces): read the whole text instead. */
export class NotUtf8 extends Error {
  constructor() {
    super('not plain UTF-8');
    this.name = 'NotUtf8';
  }
}

export class TextPieces implements PlainBytes {
  /** Where each piece found so far starts; once `located`, the last entry is the end of the bytes. */
  private readonly starts: number[] = [];
  private located = false;
  private readonly bom: boolean;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Pieces checked so far, whether all are (a byte reader checked the rest), and whether one held a character above ASCII. */
  private checked = 0;
  private allChecked = false;
  private nonAscii = false;

  private constructor(
    private readonly source: ByteSource,
    private readonly pieceBytes: number,
  ) {
    const b = source.read(0, 3);
    this.bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    this.starts.push(this.bom ? 3 : 0);
  }

  /** Pieces for these bytes, or undefined when they need the whole-text path. */
  static of(bytes: Uint8Array | ByteSource, pieceBytes = pieceSize.bytes): TextPieces | undefined {
    const source = bytes instanceof Uint8Array ? memorySource(bytes) : bytes;
    const b = source.read(0, 2);
    if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return undefined;
    return new TextPieces(source, Math.max(1, pieceBytes));
  }

  /** Whether piece `k` exists (finding where the pieces up to it start, if not known yet). */
  private has(k: number): boolean {
    const size = this.source.size;
    while (!this.located && this.starts.length <= k + 1) {
      const at = this.starts[this.starts.length - 1]!;
      if (at >= size) this.located = true;
      else this.starts.push(lineEndAfter(this.source, Math.min(size, at + this.pieceBytes) - 1));
    }
    return k + 1 < this.starts.length;
  }

  /** Piece `k`'s text; NotUtf8 when its bytes are not UTF-8. */
  piece(k: number): string {
    // The first piece is read by every reader (header, decimal mark, preview, the rows): kept.
    if (k === 0) return (this.first ??= this.decode(0));
    return this.decode(k);
  }

  private first: string | undefined;

  private decode(k: number): string {
    if (!this.has(k)) throw new RangeError(`no piece ${k}`);
    let text: string;
    try {
      text = this.decoder.decode(this.source.read(this.starts[k]!, this.starts[k + 1]!));
    } catch {
      throw new NotUtf8();
    }
    if (text.indexOf('"') >= 0 || text.indexOf('\0') >= 0) throw new NotUtf8();
    // As decodeBytes: a BOM character at the very start goes (after the BOM bytes, if any).
    // (decodeBytes' decoder drops one more after BOM bytes, then finish() one).
    if (k === 0) for (let r = this.bom ? 2 : 1; r > 0 && text.charCodeAt(0) === 0xfeff; r--) text = text.slice(1);
    if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
    if (k === this.checked) {
      this.checked++;
      if (!this.nonAscii && /[\u0080-\uffff]/.test(text)) this.nonAscii = true;
    }
    return text;
  }

  /** The text from the start: the first piece, and a function giving the next one per call. */
  open(): { first: string; more: () => string | undefined } {
    let k = 0;
    const first = this.has(0) ? this.piece(0) : '';
    return { first, more: () => (this.has(++k) ? this.piece(k) : undefined) };
  }

  /**
   * The first pieces together, enough to hold `lines` non-blank lines (or the whole text): what
   * the separator is guessed from.
   */
  head(lines: number): string {
    let text = '';
    for (let k = 0; this.has(k); k++) {
      text += this.piece(k);
      if (nonBlankLines(text, lines) >= lines) break;
    }
    return text;
  }

  /**
   * About how many lines the file has, to size buffers: the line feeds of its first piece
   * extrapolated to its length (counting them all costs as much as a tenth of the parse).
   */
  lineEstimate(): number {
    const end = this.has(0) ? this.starts[1]! : this.source.size;
    const first = this.source.read(0, end);
    let n = 1;
    for (let i = first.indexOf(0x0a); i >= 0; i = first.indexOf(0x0a, i + 1)) n++;
    return Math.ceil((n * this.source.size) / Math.max(1, end)) + 16;
  }

  /** Whether the text is empty or only ASCII white space; undefined when other characters may be space. */
  blank(): boolean | undefined {
    const size = this.source.size;
    for (let at = this.bom ? 3 : 0; at < size; at += this.pieceBytes) {
      const b = this.source.read(at, at + this.pieceBytes);
      for (let i = 0; i < b.length; i++) {
        const c = b[i]!;
        if (c === 32 || (c >= 9 && c <= 13)) continue;
        return c >= 0x80 ? undefined : false;
      }
    }
    return true;
  }

  lineStart(line: number): number {
    const size = this.source.size;
    let pos = 0;
    for (let l = 1; l < line; l++) {
      if (pos >= size) return -1;
      const nl = lineEndAfter(this.source, pos);
      if (nl === size && this.source.read(size - 1, size)[0] !== 0x0a) return -1;
      pos = nl;
    }
    // A lone CR before it is a line break to the decoder: the lines would be counted otherwise.
    const head = this.source.read(0, pos);
    for (let k = head.indexOf(13); k >= 0; k = head.indexOf(13, k + 1)) if (head[k + 1] !== 10) return -1;
    return pos;
  }

  nextLineStart(at: number): number {
    return lineEndAfter(this.source, at);
  }

  *chunks(from: number, to = this.source.size): Generator<Uint8Array> {
    const size = Math.min(to, this.source.size);
    const want = Math.max(1, chunkSize.bytes);
    while (from < size) {
      const block = this.source.read(from, Math.min(size, from + want));
      let cut = from + block.length >= size ? block.length : block.lastIndexOf(0x0a) + 1;
      // A line longer than a chunk: on to its end.
      if (cut === 0) cut = lineEndAfter(this.source, from + block.length) - from;
      yield cut <= block.length ? block.subarray(0, cut) : this.source.read(from, from + cut);
      from += cut;
    }
  }

  /**
   * The bytes from `from` on were checked by a reader of bytes (UTF-8, no quote, no NUL): they
   * need no decoding to tell the encoding. The pieces before are checked as they would be.
   */
  verified(from: number, nonAscii: boolean): void {
    while (!this.allChecked && this.has(this.checked) && this.starts[this.checked]! < from) this.piece(this.checked);
    this.allChecked = true;
    if (nonAscii) this.nonAscii = true;
  }

  /** The encoding, as decodeBytes names it; checks the pieces no reader has decoded yet. */
  encoding(): TextEncodingName {
    while (!this.allChecked && this.has(this.checked)) this.piece(this.checked);
    return this.bom ? 'utf-8-bom' : this.nonAscii ? 'utf-8' : 'ascii';
  }
}

/** Just after the first line feed at or after `at`; the end of the bytes when there is none. */
function lineEndAfter(source: ByteSource, at: number): number {
  const size = source.size;
  if (at >= size) return size;
  for (let from = Math.max(0, at), span = 64 * 1024; from < size; from += span, span *= 2) {
    const nl = source.read(from, from + span).indexOf(0x0a);
    if (nl >= 0) return from + nl + 1;
  }
  return size;
}

function nonBlankLines(text: string, enough: number): number {
  let n = 0;
  let pos = 0;
  while (pos < text.length && n < enough) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (text.slice(pos, end).trim() !== '') n++;
    pos = end + 1;
  }
  return n;
}
