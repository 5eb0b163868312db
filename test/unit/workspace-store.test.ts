/** The workspace kept in IndexedDB (fake-indexeddb in Node): saved, loaded, replaced, cleared. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  DB_NAME,
  StoreError,
  clearStored,
  hasStored,
  loadStored,
  saveStored,
  type StoredBlob,
  type StoredWorkspace,
} from '../../src/storage/workspace-store';
import { UserFiles } from '../../src/engine/workspace';
import { parseFile } from '../../src/ingest';

const blob = (id: number, text: string): StoredBlob => ({
  id,
  name: `f${id}.csv`,
  lastModified: 1000 + id,
  blob: new Blob([text]),
});

function workspace(ids: number[], extra: Partial<StoredWorkspace> = {}): StoredWorkspace {
  return {
    version: 1,
    files: ids.map((id) => ({ id, loaded: id, preferred: 0 })),
    method: 'zero',
    quarterHours: false,
    period: null,
    ...extra,
  };
}

describe('workspace store', () => {
  it('keeps nothing until asked, then the files and choices; replaces, then clears', async () => {
    expect(await hasStored()).toBe(false);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
    const blobs = new Map([1, 2].map((id) => [id, blob(id, `bytes ${id}`)]));
    await saveStored(workspace([1, 2], { method: 'linear' }), (id) => blobs.get(id));
    expect(await hasStored()).toBe(true);
    const kept = await loadStored();
    expect(kept?.workspace.method).toBe('linear');
    expect([...kept!.blobs.keys()].sort()).toEqual([1, 2]);
    expect(await kept!.blobs.get(2)!.blob.text()).toBe('bytes 2');
    expect(kept!.blobs.get(2)!.lastModified).toBe(1002);
    // File 1 removed, file 3 added: only what is named stays; bytes already kept are not asked for.
    const asked: number[] = [];
    const three = blob(3, 'bytes 3');
    await saveStored(workspace([2, 3]), (id) => (asked.push(id), id === 3 ? three : undefined));
    expect(asked).toEqual([3]);
    expect([...(await loadStored())!.blobs.keys()].sort()).toEqual([2, 3]);
    await clearStored();
    expect(await hasStored()).toBe(false);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
  });

  it('a refused write says why (quota) and keeps what was kept', async () => {
    const blobs = new Map([[1, blob(1, 'one')]]);
    await saveStored(workspace([1]), (id) => blobs.get(id));
    const error = await saveStored(workspace([1, 2]), () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).reason).toBe('quota');
    await clearStored();
  });

  it('UserFiles: what it keeps brings back the same cluster, corrections and choices', async () => {
    const readFile = async (name: string, b: Blob, overrides?: Parameters<typeof parseFile>[2]) =>
      parseFile(name, new Uint8Array(await b.arrayBuffer()), overrides);
    const rows = (ppe: string, kwh: number) =>
      [
        'ppe,timestamp_utc,import_kwh,export_kwh',
        ...Array.from(
          { length: 48 },
          (_, h) => `${ppe},${new Date(Date.UTC(2025, 5, 1) + h * 3_600_000).toISOString()},${kwh},0`,
        ),
      ].join('\n');
    const files = [
      { name: 'a.csv', text: rows('PLA', 1) },
      { name: 'b.csv', text: rows('PLB', 2) },
    ].map((f) => ({ name: f.name, size: f.text.length, blob: new Blob([f.text]), lastModified: 5 }));
    const first = new UserFiles(readFile);
    const data = await first.add(files);
    first.setGapFill('linear');
    const { workspace: kept, blob: bytes } = first.stored();
    expect(kept.method).toBe('linear');
    const blobs = new Map(kept.files.map((f) => [f.id, bytes(f.id)!]));
    const second = new UserFiles(readFile);
    const progress: number[] = [];
    const again = await second.restore(kept, blobs, (done) => progress.push(done));
    expect(again?.members.map((m) => m.id)).toEqual(data?.members.map((m) => m.id));
    expect(Array.from(again!.imports)).toEqual(Array.from(data!.imports));
    expect(second.reports.map((r) => r.name)).toEqual(['a.csv', 'b.csv']);
    expect(second.stored().workspace).toEqual(kept);
    expect(progress.at(-1)).toBe(files.reduce((a, f) => a + f.size, 0));
  });
});
