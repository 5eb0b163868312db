/**
 * Whether a dropped or chosen file is a project file, recognised by its content (a zip with
 * `klaster-project.json` at its root) whatever its name, reading only the archive's directory at
 * its end: a project of hundreds of MB is told apart from an ordinary archive without reading it.
 */
import { MANIFEST_NAME } from './project-manifest';

/** The end record is 22 bytes and a comment of at most 65,535. */
const TAIL = 22 + 0xffff;
/** A directory larger than this is not a project's (it lists a manifest and a few files). */
const MAX_DIRECTORY = 8_000_000;

export async function isProjectFile(file: Blob): Promise<boolean> {
  try {
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    if (!(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) return false;
    const tailStart = Math.max(0, file.size - TAIL);
    const tail = new Uint8Array(await file.slice(tailStart).arrayBuffer());
    const view = new DataView(tail.buffer);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) return false;
    const count = view.getUint16(end + 10, true);
    const size = view.getUint32(end + 12, true);
    const offset = view.getUint32(end + 16, true);
    // A zip64 archive (over 4 GB or 65,535 entries) is far larger than any project.
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return false;
    if (size > MAX_DIRECTORY || offset + size > file.size) return false;
    const dir = new Uint8Array(await file.slice(offset, offset + size).arrayBuffer());
    const d = new DataView(dir.buffer);
    const wanted = new TextEncoder().encode(MANIFEST_NAME);
    for (let p = 0, i = 0; i < count && p + 46 <= dir.length; i++) {
      if (d.getUint32(p, true) !== 0x02014b50) return false;
      const nameLength = d.getUint16(p + 28, true);
      const name = dir.subarray(p + 46, p + 46 + nameLength);
      if (name.length === wanted.length && name.every((b, k) => b === wanted[k])) return true;
      p += 46 + nameLength + d.getUint16(p + 30, true) + d.getUint16(p + 32, true);
    }
    return false;
  } catch {
    return false;
  }
}
