/**
 * Bytes → text for the encodings Polish meter exports come in: UTF-8 (with or without BOM),
 * UTF-16 (Excel "Unicode text"), and the two single-byte Polish code pages, windows-1250
 * (Windows programs) and ISO-8859-2 (older Unix systems). Uses only TextDecoder, which exists in
 * browsers, Web Workers and Node.
 */

import { concatBytes } from './bytes';

/**
 * The encoding a file was read with. 'ascii' means no byte above 0x7F: every guess is right.
 * `utf-8+…` is a file whose lines are partly UTF-8 and partly a code page (edited with two
 * programs): each line was read in its own encoding.
 */
export type TextEncodingName =
  | 'ascii'
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1250'
  | 'iso-8859-2'
  | 'utf-8+windows-1250'
  | 'utf-8+iso-8859-2';

/** A file's text, ready for the CSV reader: no BOM, no NUL, `\n` line ends only. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** NUL bytes dropped from a single-byte or UTF-8 file. */
  nulBytesRemoved: number;
  /** Only for a `utf-8+…` encoding: how many lines with non-ASCII bytes were read in which encoding. */
  mixed?: MixedLines;
}

/** The line counts of a file that mixes UTF-8 and a Polish code page. */
export interface MixedLines {
  codePage: 'windows-1250' | 'iso-8859-2';
  /** Lines with non-ASCII characters read as UTF-8. */
  utf8Lines: number;
  /** Lines with non-ASCII bytes read with the code page. */
  codePageLines: number;
}

/**
 * Decodes a file's bytes: BOM first, then strict UTF-8, then a windows-1250 / ISO-8859-2 guess.
 * Never throws.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', 0);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', 0);
  }
  const utf16 = sniffBomlessUtf16(bytes);
  if (utf16 !== undefined) return finish(new TextDecoder(utf16).decode(bytes), utf16, 0);

  let body = bytes;
  let bom = false;
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    body = body.subarray(3);
    bom = true;
  }
  // Some Enea exports are sprinkled with NULs; they carry no meaning and would break the
  // header match, so they go before decoding.
  const withoutNul = dropNulBytes(body);
  const nulBytesRemoved = body.length - withoutNul.length;
  body = withoutNul;

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    // A native regex scan is much faster than a JS loop over the bytes of a 16 MB file.
    const encoding = bom ? 'utf-8-bom' : /[\u0080-\uffff]/.test(text) ? 'utf-8' : 'ascii';
    return finish(text, encoding, nulBytesRemoved);
  } catch {
    // Not UTF-8: one of the Polish single-byte code pages, or UTF-8 lines among code-page ones.
  }
  const mixed = decodeMixedLines(body);
  if (mixed !== undefined) {
    const decoded = finish(mixed.text, `utf-8+${mixed.lines.codePage}`, nulBytesRemoved);
    decoded.mixed = mixed.lines;
    return decoded;
  }
  const codePage = guessPolishCodePage(body);
  return finish(new TextDecoder(codePage).decode(body), codePage, nulBytesRemoved);
}

/** A line with no byte above 0x7F, one that is UTF-8 of Polish text, one that is not. */
const ASCII_LINE = 0;
const UTF8_LINE = 1;
const OTHER_LINE = 2;

/**
 * A file that is not valid UTF-8 as a whole may still hold UTF-8 lines among windows-1250 or
 * ISO-8859-2 ones (rows pasted from another program). A line counts as UTF-8 when it is valid
 * UTF-8 and every character it decodes to is one Polish text uses (Latin-1 and Latin Extended-A
 * letters, typographic punctuation, €): Polish code-page text never looks like that, because its
 * letters never form the lead bytes 0xC2–0xC5 and 0xE2 such sequences need. Undefined when the
 * file has no such line; then the caller reads it with one code page.
 */
function decodeMixedLines(bytes: Uint8Array): { text: string; lines: MixedLines } | undefined {
  // Cheap bail-out for the usual single code-page file: no possible lead byte of a Polish
  // UTF-8 sequence followed by a continuation byte.
  let candidate = false;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i]!;
    if (((b >= 0xc2 && b <= 0xc5) || b === 0xe2) && (bytes[i + 1]! & 0xc0) === 0x80) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return undefined;

  // Classify lines (a line ends after \n or a lone \r) and merge neighbours of one kind into runs.
  const runStarts: number[] = [];
  const runKinds: number[] = [];
  let utf8Lines = 0;
  let codePageLines = 0;
  const otherBytes: Uint8Array[] = [];
  let start = 0;
  const n = bytes.length;
  while (start < n) {
    let end = start;
    while (end < n && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    const kind = classifyLine(bytes, start, end);
    if (end < n) end += bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1;
    if (kind === UTF8_LINE) utf8Lines++;
    else if (kind === OTHER_LINE) {
      codePageLines++;
      otherBytes.push(bytes.subarray(start, end));
    }
    const last = runKinds.length - 1;
    if (last < 0) {
      runStarts.push(start);
      runKinds.push(kind);
    } else if (kind !== ASCII_LINE && kind !== runKinds[last]) {
      if (runKinds[last] === ASCII_LINE) runKinds[last] = kind;
      else {
        runStarts.push(start);
        runKinds.push(kind);
      }
    }
    start = end;
  }
  if (utf8Lines === 0) return undefined;

  const codePage = guessPolishCodePage(concatBytes(otherBytes));
  const utf8 = new TextDecoder('utf-8');
  const single = new TextDecoder(codePage);
  let text = '';
  for (let r = 0; r < runStarts.length; r++) {
    const part = bytes.subarray(runStarts[r], r + 1 < runStarts.length ? runStarts[r + 1] : n);
    text += runKinds[r] === UTF8_LINE ? utf8.decode(part) : single.decode(part);
  }
  return { text, lines: { codePage, utf8Lines, codePageLines } };
}

/** ASCII_LINE, UTF8_LINE (valid UTF-8 of characters Polish text uses) or OTHER_LINE. */
function classifyLine(b: Uint8Array, start: number, end: number): number {
  let kind = ASCII_LINE;
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf && i + 1 < end && (b[i + 1]! & 0xc0) === 0x80) {
      cp = ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef && i + 2 < end && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80) {
      cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
      if (cp < 0x800) return OTHER_LINE; // an overlong form, invalid
      i += 3;
    } else {
      return OTHER_LINE;
    }
    const polish = (cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x2010 && cp <= 0x2044) || cp === 0x20ac || cp === 0x2212;
    if (!polish) return OTHER_LINE;
    kind = UTF8_LINE;
  }
  return kind;
}

/**
 * Chooses between windows-1250 and ISO-8859-2 by the bytes only one of them uses for Polish
 * letters: ą ś ź Ą Ś Ź sit at 0xB9 0x9C 0x9F 0xA5 0x8C 0x8F in windows-1250 but at 0xB1 0xB6 0xBC
 * 0xA1 0xA6 0xAC in ISO-8859-2 (where 0x80–0x9F are control codes). The other Polish letters
 * (ę ł ó ż ć ń) share their bytes, so they do not vote. Ties go to windows-1250, the code page of
 * the Windows programs that produce most exports.
 */
export function guessPolishCodePage(bytes: Uint8Array): 'windows-1250' | 'iso-8859-2' {
  let cp1250 = 0;
  let iso = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (b <= 0x9f) {
      // Typographic quotes and dashes live here in windows-1250 too.
      cp1250++;
    } else if (b === 0xb9 || b === 0xa5) {
      cp1250++;
    } else if (b === 0xb1 || b === 0xb6 || b === 0xbc || b === 0xa1 || b === 0xa6 || b === 0xac) {
      iso++;
    }
  }
  return iso > cp1250 ? 'iso-8859-2' : 'windows-1250';
}

/** UTF-16 without a BOM shows up as a NUL in every other byte of ASCII text. */
function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.8 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.8 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function dropNulBytes(bytes: Uint8Array): Uint8Array {
  const first = bytes.indexOf(0);
  if (first < 0) return bytes;
  const out = new Uint8Array(bytes.length);
  out.set(bytes.subarray(0, first));
  let n = first;
  for (let i = first + 1; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0) out[n++] = b;
  }
  return out.subarray(0, n);
}

/** The clean-up every decoded text gets: a BOM character, NUL padding and CR line ends go. */
export function finish(text: string, encoding: TextEncodingName, nulBytesRemoved: number): DecodedText {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // UTF-16 files may still hold NUL characters (padding); drop them too.
  if (text.indexOf('\u0000') >= 0) {
    const before = text.length;
    text = text.split('\u0000').join('');
    nulBytesRemoved += before - text.length;
  }
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  return { text, encoding, nulBytesRemoved };
}
