/**
 * Bytes → text for the encodings Polish meter exports come in: UTF-8 (with or without BOM),
 * UTF-16 (Excel "Unicode text"), and the two single-byte Polish code pages, windows-1250
 * (Windows programs) and ISO-8859-2 (older Unix systems). Uses only TextDecoder, which exists in
 * browsers, Web Workers and Node.
 */

/** The encoding a file was read with. 'ascii' means no byte above 0x7F: every guess is right. */
export type TextEncodingName = 'ascii' | 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1250' | 'iso-8859-2';

/** A file's text, ready for the CSV reader: no BOM, no NUL, `\n` line ends only. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** NUL bytes dropped from a single-byte or UTF-8 file. */
  nulBytesRemoved: number;
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
    // Not UTF-8: one of the Polish single-byte code pages.
  }
  const codePage = guessPolishCodePage(body);
  return finish(new TextDecoder(codePage).decode(body), codePage, nulBytesRemoved);
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

function finish(text: string, encoding: TextEncodingName, nulBytesRemoved: number): DecodedText {
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
