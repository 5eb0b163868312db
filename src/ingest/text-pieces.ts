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

import type { TextEncodingName } from './decode';

/** A plain UTF-8 or ASCII file's bytes, as the text pieces read them. */
export interface PlainBytes {
  bytes: Uint8Array;
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

/** The bytes are not UTF-8 (or not plain enough for pieces): read the whole text instead. */
export class NotUtf8 extends Error {
  constructor() {
    super('not plain UTF-8');
    this.name = 'NotUtf8';
  }
}

export class TextPieces {
  /** Where each piece starts; the last entry is the end of the bytes. */
  private readonly starts: number[] = [];
  private readonly bom: boolean;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Pieces checked so far, and whether one of them held a character above ASCII. */
  private checked = 0;
  private nonAscii = false;

  private constructor(
    private readonly bytes: Uint8Array,
    pieceBytes: number,
  ) {
    this.bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    let at = this.bom ? 3 : 0;
    this.starts.push(at);
    while (at < bytes.length) {
      const nl = bytes.indexOf(0x0a, Math.min(bytes.length, at + pieceBytes) - 1);
      at = nl < 0 ? bytes.length : nl + 1;
      this.starts.push(at);
    }
  }

  /** Pieces for these bytes, or undefined when they need the whole-text path. */
  static of(bytes: Uint8Array, pieceBytes = pieceSize.bytes): TextPieces | undefined {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      return undefined;
    }
    return new TextPieces(bytes, Math.max(1, pieceBytes));
  }

  get count(): number {
    return this.starts.length - 1;
  }

  /** Piece `k`'s text; NotUtf8 when its bytes are not UTF-8. */
  piece(k: number): string {
    // The first piece is read by every reader (header, decimal mark, preview, the rows): kept.
    if (k === 0) return (this.first ??= this.decode(0));
    return this.decode(k);
  }

  private first: string | undefined;

  private decode(k: number): string {
    let text: string;
    try {
      text = this.decoder.decode(this.bytes.subarray(this.starts[k], this.starts[k + 1]));
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
    const first = this.count > 0 ? this.piece(0) : '';
    return { first, more: () => (++k < this.count ? this.piece(k) : undefined) };
  }

  /**
   * The first pieces together, enough to hold `lines` non-blank lines (or the whole text): what
   * the separator is guessed from.
   */
  head(lines: number): string {
    let text = '';
    for (let k = 0; k < this.count; k++) {
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
    const end = this.starts[1] ?? this.bytes.length;
    let n = 1;
    for (let i = this.bytes.indexOf(0x0a); i >= 0 && i < end; i = this.bytes.indexOf(0x0a, i + 1)) n++;
    return Math.ceil((n * this.bytes.length) / Math.max(1, end)) + 16;
  }

  /** Whether the text is empty or only ASCII white space; undefined when other characters may be space. */
  blank(): boolean | undefined {
    const b = this.bytes;
    for (let i = this.bom ? 3 : 0; i < b.length; i++) {
      const c = b[i]!;
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      return c >= 0x80 ? undefined : false;
    }
    return true;
  }

  /** The bytes, for a reader of bytes (long-bytes.ts). */
  get raw(): Uint8Array {
    return this.bytes;
  }

  /**
   * The bytes from `from` on were checked by a reader of bytes (UTF-8, no quote, no NUL): they
   * need no decoding to tell the encoding. The pieces before are checked as they would be.
   */
  verified(from: number, nonAscii: boolean): void {
    while (this.checked < this.count && this.starts[this.checked]! < from) this.piece(this.checked);
    this.checked = this.count;
    if (nonAscii) this.nonAscii = true;
  }

  /** The encoding, as decodeBytes names it; checks the pieces no reader has decoded yet. */
  encoding(): TextEncodingName {
    while (this.checked < this.count) this.piece(this.checked);
    return this.bom ? 'utf-8-bom' : this.nonAscii ? 'utf-8' : 'ascii';
  }
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
