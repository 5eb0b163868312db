/**
 * Opens a project file (README "Project files") that may come from anyone: nothing in it is
 * trusted. The archive is read with the capped zip reader (a zip bomb stops at its limit), the
 * manifest is validated field by field, each file is found by its exact path, and its size and
 * SHA-256 must match the manifest. The result is what the browser keeps of a workspace
 * (StoredWorkspace and the files' bytes), so that it is read again through the same importer with
 * the same corrections, and the scenario with its variants. Anything wrong is a ProjectError
 * saying what and where; nothing is returned half-read.
 */
import { ParseError } from '../ingest/errors';
import { checkOverrides, type ParseOverrides } from '../ingest/overrides';
import { periodOfLocalDates, type Period } from '../ingest/period';
import { ZIP_LIMITS, isZip, listZip, readEntry, type ZipDirEntry, type ZipLimits } from '../ingest/zip';
import { MAX_VARIANTS, type Scenario, type Variants } from '../scenario/model';
import { formatProblem, parseScenario, type Problem } from '../scenario/schema';
import { ProjectError } from './project-error';
import { MANIFEST_NAME, PROJECT_FORMAT, PROJECT_VERSION, checkManifest, type ProjectManifest } from './project-manifest';
import { sha256 } from './sha256';
import type { StoredBlob, StoredWorkspace } from './workspace-store';

export interface OpenedProject {
  manifest: ProjectManifest;
  workspace: StoredWorkspace;
  /** Every file's bytes, by the id the workspace names it with. */
  blobs: Map<number, StoredBlob>;
  variants: Variants;
}

/** The most a manifest may unpack to (it holds settings, never data). */
const MANIFEST_BYTES = 16_000_000;

/** Whether `bytes` is a zip holding a project manifest at its root (a zip that cannot be read: false). */
export function isProjectArchive(file: string, bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  try {
    return listZip(file, bytes).some((e) => e.path === MANIFEST_NAME);
  } catch {
    return false;
  }
}

/** Reads the project file `file` (its name, for messages) from its bytes. */
export async function readProject(file: string, bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<OpenedProject> {
  if (!isZip(bytes)) {
    throw new ProjectError('not-zip', '', `${file}: this is not a Klaster project file (not a zip archive)`);
  }
  let entries: ZipDirEntry[];
  try {
    entries = listZip(file, bytes, limits);
  } catch (e) {
    throw zipFailure(file, e, '');
  }
  const at = new Map<string, ZipDirEntry>();
  for (const e of entries) if (!at.has(e.path)) at.set(e.path, e);
  const manifestEntry = at.get(MANIFEST_NAME);
  if (!manifestEntry) {
    throw new ProjectError(
      'not-project',
      '',
      `${file}: this is not a Klaster project (the archive has no ${MANIFEST_NAME} at its root); to read the files inside, load it as meter files`,
    );
  }
  const manifest = parseManifest(file, entry(file, bytes, manifestEntry, MANIFEST_BYTES));

  const problems: Problem[] = [];
  const seen = new Map<number, number>();
  manifest.files.forEach((f, i) => {
    const before = seen.get(f.id);
    if (before !== undefined)
      problems.push({ path: `files[${i}].id`, message: `${f.id} is listed twice (also files[${before}])` });
    seen.set(f.id, i);
  });
  const workspace = storedWorkspace(manifest, seen, problems);
  const scenario = parseScenario(manifest.scenario, 'file');
  if (!scenario.ok) problems.push(...scenario.problems.map((p) => under('scenario', p)));
  if (manifest.variants.length > MAX_VARIANTS) {
    problems.push({ path: 'variants', message: `holds ${manifest.variants.length} variants, at most ${MAX_VARIANTS} are kept` });
  }
  const variants: Scenario[] = [];
  manifest.variants.forEach((x, i) => {
    const r = parseScenario(x, 'file');
    if (r.ok) variants.push(r.scenario);
    else problems.push(...r.problems.map((p) => under(`variants[${i}]`, p)));
  });
  if (problems.length > 0 || !scenario.ok) throw manifestError(file, problems);

  const blobs = new Map<number, StoredBlob>();
  let total = 0;
  for (const f of manifest.files) {
    const e = at.get(f.path);
    if (!e || e.directory) {
      throw new ProjectError(
        'missing-file',
        f.path,
        `${file}: the project lists ${f.path} (${f.name}) but the archive does not hold it`,
      );
    }
    if (f.bytes > limits.entryBytes || total + f.bytes > limits.totalBytes) throw tooLarge(file, f.path, limits);
    const data = entry(file, bytes, e, Math.min(limits.entryBytes, limits.totalBytes - total));
    total += data.length;
    if (data.length !== f.bytes || (await sha256(data)) !== f.sha256) {
      throw new ProjectError(
        'checksum',
        f.path,
        `${file}: ${f.path} (${f.name}) is not the file the project was saved with (its size or SHA-256 differs): the project file is damaged or was altered`,
      );
    }
    const lastModified = f.last_modified === null ? undefined : Date.parse(f.last_modified);
    blobs.set(f.id, { id: f.id, name: f.name, lastModified, blob: new Blob([data as Uint8Array<ArrayBuffer>]) });
  }
  const fingerprint = manifest.fingerprint;
  return {
    manifest,
    workspace,
    blobs,
    variants: { current: scenario.scenario, variants, ...(fingerprint ? { fingerprint } : {}) },
  };
}

/** The manifest as JSON, its version checked before its shape (a newer one may differ in shape). */
function parseManifest(file: string, bytes: Uint8Array): ProjectManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw manifestError(file, [{ path: '', message: `${MANIFEST_NAME} is not JSON (${why})` }]);
  }
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    if (o.format === PROJECT_FORMAT && typeof o.version === 'number' && o.version > PROJECT_VERSION) {
      throw new ProjectError(
        'newer',
        String(o.version),
        `${file}: made with a newer Klaster (project version ${o.version}, this one reads up to ${PROJECT_VERSION}); open it with the newer version`,
      );
    }
  }
  const r = checkManifest(json);
  if (!r.ok) throw manifestError(file, r.problems);
  return r.manifest;
}

/** The workspace as the browser keeps it; problems of its fields are added to `problems`. */
function storedWorkspace(m: ProjectManifest, ids: Map<number, number>, problems: Problem[]): StoredWorkspace {
  const w = m.workspace;
  const files = w.files.map((f, i) => {
    if (!ids.has(f.id)) problems.push({ path: `workspace.files[${i}].id`, message: `no entry of "files" has id ${f.id}` });
    let overrides: ParseOverrides | undefined;
    if (f.overrides) {
      try {
        overrides = checkOverrides('', camelOverrides(f.overrides));
      } catch (e) {
        const why = e instanceof ParseError ? e.reason : String(e);
        problems.push({ path: `workspace.files[${i}].overrides`, message: why });
      }
    }
    return {
      id: f.id,
      ...(overrides && Object.keys(overrides).length > 0 ? { overrides } : {}),
      loaded: f.loaded,
      preferred: f.preferred,
      ...(f.error ? { error: f.error } : {}),
    };
  });
  const twice = files.findIndex((f, i) => files.findIndex((g) => g.id === f.id) !== i);
  if (twice >= 0) problems.push({ path: `workspace.files[${twice}].id`, message: `file ${files[twice]!.id} is listed twice` });
  let period: Period | null = null;
  if (w.period) {
    period = periodOfLocalDates(w.period.from, w.period.to);
    if (!period)
      problems.push({
        path: 'workspace.period',
        message: `${w.period.from} – ${w.period.to} is not a period (to before from, or no such date)`,
      });
  }
  return { version: 1, files, method: w.gap_fill, quarterHours: w.quarter_hours, period };
}

/** `decimal_mark` → `decimalMark` (checkOverrides then refuses anything unknown). */
function camelOverrides(o: Record<string, unknown>): ParseOverrides {
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), x]));
}

function under(prefix: string, p: Problem): Problem {
  return { path: p.path.startsWith('[') || !p.path ? prefix + p.path : `${prefix}.${p.path}`, message: p.message };
}

function manifestError(file: string, problems: Problem[]): ProjectError {
  const detail = problems.map(formatProblem).join('; ');
  return new ProjectError('manifest', detail, `${file}: ${MANIFEST_NAME} is not a valid project: ${detail}`);
}

function tooLarge(file: string, path: string, limits: ZipLimits): ProjectError {
  return new ProjectError(
    'too-large',
    path,
    `${file}: ${path} unpacks to more than a file (${limits.entryBytes / 1e6} MB) or a project (${limits.totalBytes / 1e6} MB) may hold here (a zip bomb?)`,
  );
}

/** One entry's bytes through the capped reader; its failures as ProjectErrors. */
function entry(file: string, bytes: Uint8Array, e: ZipDirEntry, limit: number): Uint8Array {
  try {
    return readEntry(file, bytes, e, limit);
  } catch (err) {
    throw zipFailure(file, err, e.path);
  }
}

function zipFailure(file: string, e: unknown, path: string): ProjectError {
  const reason = e instanceof ParseError ? e.reason : e instanceof Error ? e.message : String(e);
  if (/unpacks to more than|entries, more than/.test(reason)) {
    return new ProjectError('too-large', path, `${file}: ${reason}`);
  }
  if (/check sum/.test(reason)) {
    return new ProjectError('checksum', path, `${file}: ${reason}`);
  }
  return new ProjectError('broken', reason, `${file}: ${reason}`);
}
