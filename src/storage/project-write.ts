/**
 * Writes a project file (`.klaster.zip`, README "Project files"): every loaded file's bytes as the
 * user gave them under `files/`, deflated unless they are compressed already, and the manifest
 * `klaster-project.json` naming each with its size and SHA-256, with the user's decisions and the
 * scenario and its variants. One file is read at a time and its bytes let go once packed; the
 * archive is a Blob of the packed chunks.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { version as APP_VERSION } from '../../package.json';
import { localDates } from '../ingest/period';
import type { ParseOverrides } from '../ingest/overrides';
import { compactScenario } from '../scenario/link';
import { SCENARIO_VERSION, type Scenario, type Variants } from '../scenario/model';
import { MANIFEST_NAME, PROJECT_FORMAT, PROJECT_VERSION, type ProjectManifest } from './project-manifest';
import type { StoredBlob, StoredWorkspace } from './workspace-store';
import { sha256 } from './sha256';

export interface ProjectContents {
  workspace: StoredWorkspace;
  /** Every file the workspace names, by id. */
  blob: (id: number) => StoredBlob | undefined;
  variants: Variants;
  language: 'pl' | 'en';
  /** When it was saved (default: now). */
  created?: Date;
  /** The data fingerprint the scenario was computed on (scenario/fingerprint.ts), if known. */
  fingerprint?: string;
}

/** Steps the packer is fed in: progress moves, and no step holds much memory twice. */
const STEP = 1 << 20;

/**
 * The project file; `progress` hears bytes packed of the files' total. When `cancelled()` turns
 * true it stops between two files with an Error named 'Cancelled'.
 */
export async function writeProject(
  c: ProjectContents,
  progress?: (done: number, total: number) => void,
  cancelled?: () => boolean,
): Promise<Blob> {
  const created = c.created ?? new Date();
  const blobs = c.workspace.files.map((f) => {
    const b = c.blob(f.id);
    if (!b) throw new Error(`the bytes of file ${f.id} are not at hand`);
    return b;
  });
  const total = blobs.reduce((a, b) => a + b.blob.size, 0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data as Uint8Array<ArrayBuffer>);
  });
  const files: ProjectManifest['files'] = [];
  let done = 0;
  for (const [i, b] of blobs.entries()) {
    if (cancelled?.()) throw Object.assign(new Error('cancelled'), { name: 'Cancelled' });
    const bytes = new Uint8Array(await b.blob.arrayBuffer());
    const path = `files/${i + 1}-${safeName(b.name)}`;
    // Level 1: meter CSVs shrink about 8× at 2.5 times the speed of level 6 (whose archive is only
    // about 12 % smaller) — a year of a large cluster is hundreds of MB.
    const entry = isCompressed(bytes) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 1 });
    entry.mtime = zipDate(b.lastModified, created);
    zip.add(entry);
    if (bytes.length === 0) entry.push(bytes, true);
    for (let at = 0; at < bytes.length; at += STEP) {
      entry.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
      done += Math.min(STEP, bytes.length - at);
      progress?.(done, total);
    }
    if (failure) throw failure;
    files.push({
      id: b.id,
      name: b.name,
      path,
      bytes: bytes.length,
      sha256: await sha256(bytes),
      last_modified:
        b.lastModified !== undefined && Number.isFinite(b.lastModified) ? new Date(b.lastModified).toISOString() : null,
    });
  }
  const manifest = manifestOf(c, files, created);
  const json = new ZipDeflate(MANIFEST_NAME, { level: 6 });
  json.mtime = created;
  zip.add(json);
  json.push(new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
  zip.end();
  if (failure) throw failure;
  return new Blob(chunks, { type: 'application/zip' });
}

function manifestOf(c: ProjectContents, files: ProjectManifest['files'], created: Date): ProjectManifest {
  const w = c.workspace;
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    app_version: APP_VERSION,
    created: created.toISOString(),
    language: c.language,
    workspace: {
      files: w.files.map((f) => ({
        id: f.id,
        ...(f.overrides && Object.keys(f.overrides).length > 0 ? { overrides: snakeOverrides(f.overrides) } : {}),
        loaded: f.loaded,
        preferred: f.preferred,
        ...(f.error ? { error: f.error } : {}),
      })),
      gap_fill: w.method,
      quarter_hours: w.quarterHours,
      period: w.period ? localDates(w.period) : null,
    },
    files,
    scenario: scenarioJson(c.variants.current),
    variants: c.variants.variants.map(scenarioJson),
    ...(c.fingerprint ? { fingerprint: c.fingerprint } : {}),
  };
}

/** The scenario as the link and the scenario file write it: defaults left out, `version` first. */
function scenarioJson(s: Scenario): Record<string, unknown> {
  const { version: _v, ...rest } = compactScenario(s);
  void _v;
  return { version: SCENARIO_VERSION, ...rest };
}

/** `decimalMark` → `decimal_mark`: the manifest's keys are snake_case throughout. */
export function snakeOverrides(o: ParseOverrides): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), x]),
  );
}

/** A name safe in any unpacker: letters, digits, `.`, `-`, `_`; at most 100 characters. */
export function safeName(name: string): string {
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '_')
    .slice(-100);
  return safe || 'file';
}

/** Deflating again what is compressed already only costs time: zip, gzip, Parquet, xz, bzip2, zstd, 7z. */
function isCompressed(b: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
  return (
    starts(0x50, 0x4b, 0x03, 0x04) ||
    starts(0x1f, 0x8b) ||
    starts(0x50, 0x41, 0x52, 0x31) ||
    starts(0xfd, 0x37, 0x7a, 0x58, 0x5a) ||
    starts(0x42, 0x5a, 0x68) ||
    starts(0x28, 0xb5, 0x2f, 0xfd) ||
    starts(0x37, 0x7a, 0xbc, 0xaf)
  );
}

/** A zip holds dates from 1980 to 2107: anything else (an unknown time) is the save time. */
function zipDate(ms: number | undefined, fallback: Date): Date {
  if (ms === undefined || !Number.isFinite(ms)) return fallback;
  const d = new Date(ms);
  const y = d.getFullYear();
  return y >= 1980 && y < 2100 ? d : fallback;
}
