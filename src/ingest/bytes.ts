/** Byte arrays read in pieces (an inflated stream, a fetched body) made whole. */

/** The pieces one after the other in one array; a single piece is returned as it is. */
export function concatBytes(pieces: Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  let length = 0;
  for (const p of pieces) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
