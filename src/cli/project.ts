/**
 * Project files on the command line (README "Project files"): `klaster analyze project.klaster.zip`
 * reads the project's files through the same importer, with their corrections and the workspace's
 * choices (gap filling, quarter-hours, the period, which file wins where files overlap), as the
 * page does; `--save-project` writes one from the files and the scenario given.
 */
import { open, readFile, writeFile } from 'node:fs/promises';
import { unpackFile } from '../ingest/unpack';
import { basename } from 'node:path';
import type { ClusterData } from '../ingest/cluster-data';
import { parseBlob } from '../ingest/index';
import type { Period } from '../ingest/period';
import { UserFiles } from '../engine/workspace';
import type { Variants } from '../scenario/model';
import { ProjectError } from '../storage/project-error';
import { isProjectArchive, readProject, type OpenedProject } from '../storage/project-read';
import { writeProject } from '../storage/project-write';
import type { StoredBlob, StoredWorkspace } from '../storage/workspace-store';
import { UsageError } from './usage-error';

/** The project at `path`, or null when the file is not one (by its content, whatever its name). */
export async function projectAt(path: string): Promise<OpenedProject | null> {
  const head = Buffer.alloc(4);
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (!(head[0] === 0x50 && head[1] === 0x4b)) return null;
  const bytes = new Uint8Array(await readFile(path));
  if (!isProjectArchive(basename(path), bytes)) return null;
  try {
    return await readProject(basename(path), bytes);
  } catch (e) {
    if (e instanceof ProjectError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * The cluster a project's files make, read as the page reads them; `period` (from --from/--to)
 * replaces the project's. Files that could not be read are named on stderr.
 */
export async function projectCluster(p: OpenedProject, period: Period | null): Promise<{ data: ClusterData; files: UserFiles }> {
  const files = new UserFiles((name, blob, overrides) => parseBlob(name, blob, overrides));
  const workspace: StoredWorkspace = period ? { ...p.workspace, period } : p.workspace;
  let data: ClusterData | null;
  try {
    data = await files.restore(workspace, p.blobs);
  } catch (e) {
    throw new UsageError(`the project's files do not make a cluster: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const r of files.reports) if (r.error) process.stderr.write(`klaster: ${r.error.message}\n`);
  if (!data) throw new UsageError("the project's files hold no meter readings");
  return { data, files };
}

/** The project's files by name, for the scenario's profile generators and price files. */
export async function projectTexts(p: OpenedProject): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const b of p.blobs.values()) out.set(b.name, new Uint8Array(await b.blob.arrayBuffer()));
  return out;
}

/**
 * Writes `files` (paths, in the order given: a later file wins where two overlap, as on the
 * command line) and `variants` as a project file at `out`.
 */
export async function saveProject(out: string, files: string[], variants: Variants, period: Period | null): Promise<void> {
  // Archives and workbooks are kept as the files they hold, as the page keeps them.
  const blobs = new Map<number, StoredBlob>();
  for (const path of files) {
    for (const f of await unpackFile(basename(path), new Uint8Array(await readFile(path)))) {
      const id = blobs.size + 1;
      blobs.set(id, { id, name: f.name, blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) });
    }
  }
  const ids = [...blobs.keys()];
  const workspace: StoredWorkspace = {
    version: 1,
    // The later file wins on the command line: preferred in that order.
    files: ids.map((id) => ({ id, loaded: id, preferred: id })),
    method: 'zero',
    quarterHours: false,
    period,
  };
  const blob = await writeProject({ workspace, blob: (id) => blobs.get(id), variants, language: 'en' });
  await writeFile(out, new Uint8Array(await blob.arrayBuffer()));
}
