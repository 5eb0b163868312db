/**
 * Project files (.klaster.zip, README "Project files"): what is saved comes back the same (the
 * workspace, the scenario and its variants, the same KPIs), and a project file that is not one,
 * is damaged or hostile is refused with a message saying what and where.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserFiles } from '../../src/engine/workspace';
import { BalanceEngine } from '../../src/engine/balance';
import { loadNodeKernels } from '../../src/engine/kernels-node';
import { ScenarioEngine } from '../../src/engine/scenario-compute';
import { parseBlob } from '../../src/ingest';
import { periodOfLocalDates } from '../../src/ingest/period';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { newScenario, type Variants } from '../../src/scenario/model';
import { parseVariants } from '../../src/scenario/schema';
import { ProjectError } from '../../src/storage/project-error';
import { checkManifest, MANIFEST_NAME } from '../../src/storage/project-manifest';
import { isProjectArchive, readProject } from '../../src/storage/project-read';
import { isProjectFile } from '../../src/storage/project-sniff';
import { safeName, writeProject } from '../../src/storage/project-write';
import { sha256, sha256Plain } from '../../src/storage/sha256';
import { runCli } from '../cli-run';

const readFile = (name: string, blob: Blob, overrides?: Parameters<typeof parseBlob>[2]) => parseBlob(name, blob, overrides);

/** Two days of hourly readings of one meter (a hole of three hours in the second). */
function rows(ppe: string, kwh: number, exportKwh: number, unit = 'kwh'): string {
  const lines = [`ppe,timestamp_utc,import_${unit},export_${unit}`];
  for (let h = 0; h < 24 * 14; h++) {
    if (ppe === 'PLB' && h >= 30 && h < 33) continue;
    const t = new Date(Date.UTC(2025, 5, 1) + h * 3_600_000).toISOString();
    const sun = h % 24 >= 8 && h % 24 < 16 ? exportKwh : 0;
    lines.push(`${ppe},${t},${kwh + (h % 5)},${sun}`);
  }
  return `${lines.join('\n')}\n`;
}

const FILES = [
  { name: 'a.csv', text: rows('PLA', 1, 6), lastModified: Date.UTC(2025, 6, 1) },
  { name: 'b plik ł.csv', text: rows('PLB', 2, 0), lastModified: Date.UTC(2025, 6, 2) },
];

const VARIANTS: Variants = complete({
  current: newScenario({
    name: 'PV 50 kWp',
    key: 'static',
    shares: { PLA: 0.4, 'PLB-2': 0.6 },
    add: [{ type: 'pv', id: 'PV-1', kwp: 50 }] as Variants['current']['add'],
  }),
  variants: [newScenario({ name: 'Bez zmian', window_minutes: 15 })],
});

/** Variants as the schema returns them: every default filled in. */
function complete(v: Variants): Variants {
  const r = parseVariants(JSON.parse(JSON.stringify(v)));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

async function loadedWorkspace(): Promise<{ files: UserFiles; data: ClusterData }> {
  const files = new UserFiles(readFile);
  await files.add(
    FILES.map((f) => ({ name: f.name, size: f.text.length, blob: new Blob([f.text]), lastModified: f.lastModified })),
  );
  // A correction (the meter id of a single-meter file), gaps filled linearly, a chosen period.
  await files.reread(1, { meterId: 'PLB-2' });
  files.setGapFill('linear');
  const data = files.setPeriod(periodOfLocalDates('2025-06-02', '2025-06-12'));
  return { files, data: data! };
}

let kernels: Awaited<ReturnType<typeof loadNodeKernels>>;
function kpis(data: ClusterData, v: Variants) {
  const engine = new BalanceEngine(kernels);
  engine.load(data);
  return new ScenarioEngine(engine).compute(v.current, 1).scenario.kpis;
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** A project's zip with `manifest` (an object, or text as is) and the given entries. */
function zip(manifest: unknown, entries: Record<string, Uint8Array> = {}): Uint8Array {
  const z: Zippable = { ...entries };
  if (manifest !== undefined)
    z[MANIFEST_NAME] = typeof manifest === 'string' ? strToU8(manifest) : strToU8(JSON.stringify(manifest));
  return zipSync(z);
}

async function validManifest(entries: Record<string, string>) {
  const files = await Promise.all(
    Object.entries(entries).map(async ([path, text], i) => ({
      id: i + 1,
      name: path.replace(/^files\/\d+-/, ''),
      path,
      bytes: strToU8(text).length,
      sha256: await sha256(strToU8(text)),
      last_modified: null,
    })),
  );
  return {
    format: 'klaster-project',
    version: 1,
    app_version: '0.1.0',
    created: '2026-11-30T12:00:00.000Z',
    language: 'pl',
    workspace: {
      files: files.map((f) => ({ id: f.id, loaded: f.id, preferred: 0 })),
      gap_fill: 'zero',
      quarter_hours: false,
      period: null,
    },
    files,
    scenario: { version: 2 },
    variants: [],
  };
}

async function refusal(bytes: Uint8Array, limits?: Parameters<typeof readProject>[2]): Promise<ProjectError> {
  const e = await readProject('p.klaster.zip', bytes, limits).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ProjectError);
  return e as ProjectError;
}

describe('project files', () => {
  beforeAll(async () => {
    kernels = await loadNodeKernels();
  });

  it('round trip: workspace, corrections, choices, scenario and variants come back, with the same KPIs', async () => {
    const { files, data } = await loadedWorkspace();
    const { workspace, blob } = files.stored();
    expect(workspace.files[1]!.overrides).toEqual({ meterId: 'PLB-2' });
    const progress: number[] = [];
    const packed = await writeProject({ workspace, blob, variants: VARIANTS, language: 'pl' }, (done) => progress.push(done));
    expect(progress.at(-1)).toBe(FILES.reduce((a, f) => a + f.text.length, 0));
    const bytes = await bytesOf(packed);
    expect(isProjectArchive('p.zip', bytes)).toBe(true);
    expect(await isProjectFile(packed)).toBe(true);

    const opened = await readProject('p.klaster.zip', bytes);
    expect(opened.workspace).toEqual(workspace);
    expect(opened.variants.current).toEqual(VARIANTS.current);
    expect(opened.variants.variants).toEqual(VARIANTS.variants);
    expect(opened.manifest.files.map((f) => f.path)).toEqual(['files/1-a.csv', 'files/2-b_plik_ł.csv']);
    expect(opened.manifest.workspace.files[1]!.overrides).toEqual({ meter_id: 'PLB-2' });
    expect(opened.manifest.workspace.period).toEqual({ from: '2025-06-02', to: '2025-06-12' });
    for (const f of workspace.files) {
      const given = blob(f.id)!;
      const back = opened.blobs.get(f.id)!;
      expect(back.name).toBe(given.name);
      expect(back.lastModified).toBe(given.lastModified);
      expect(await bytesOf(back.blob)).toEqual(await bytesOf(given.blob));
    }

    const again = new UserFiles(readFile);
    const restored = await again.restore(opened.workspace, opened.blobs);
    expect(again.stored().workspace).toEqual(workspace);
    expect(restored!.members.map((m) => m.id)).toEqual(['PLA', 'PLB-2']);
    expect(Array.from(restored!.imports)).toEqual(Array.from(data.imports));
    expect(again.filled).toEqual(files.filled);
    expect(kpis(restored!, opened.variants)).toEqual(kpis(data, VARIANTS));
  });

  it('SHA-256 without Web Crypto (pages served over plain http) equals Web Crypto', async () => {
    expect(sha256Plain(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Plain(strToU8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    let seed = 7;
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      expect(sha256Plain(bytes), `${n} bytes`).toBe(await sha256(bytes));
    }
  });

  it('names files safely and keeps compressed inputs as they are', async () => {
    expect(safeName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeName('Zużycie 2025 (Tauron).csv')).toBe('Zużycie_2025_Tauron_.csv');
    const gz = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const packed = await writeProject({
      workspace: { version: 1, files: [{ id: 7, loaded: 7, preferred: 0 }], method: 'zero', quarterHours: false, period: null },
      blob: () => ({ id: 7, name: 'x.csv.gz', blob: new Blob([gz]) }),
      variants: { current: newScenario(), variants: [] },
      language: 'en',
    });
    const opened = await readProject('p', await bytesOf(packed));
    expect(await bytesOf(opened.blobs.get(7)!.blob)).toEqual(gz);
  });

  it("the manifest's schema names the field of every problem", () => {
    const bad = checkManifest({
      format: 'klaster-project',
      version: 1,
      app_version: '0.1.0',
      created: 'yesterday',
      language: 'de',
      workspace: {
        files: [{ id: -1, loaded: 1, preferred: 0 }],
        gap_fill: 'cubic',
        quarter_hours: 'no',
        period: { from: '2025-1-1', to: '2025-12-31' },
      },
      files: [{ id: 1, name: 'a.csv', path: 'files/../a.csv', bytes: 1, sha256: 'abc', last_modified: null }],
      scenario: {},
    });
    expect(bad.ok).toBe(false);
    const paths = !bad.ok ? Object.fromEntries(bad.problems.map((p) => [p.path, p.message])) : {};
    expect(paths).toMatchObject({
      created: 'must be a date and time (ISO 8601)',
      language: 'must be "pl" or "en"',
      'workspace.files[0].id': expect.stringMatching(/whole number/),
      'workspace.gap_fill': 'must be "zero", "linear" or "profile"',
      'workspace.quarter_hours': 'must be true or false',
      'workspace.period.from': 'must be a local date YYYY-MM-DD',
      'files[0].path': expect.stringMatching(/no "\.\."/),
      'files[0].sha256': 'must be 64 lowercase hex digits',
    });
    const missing = checkManifest({ format: 'klaster-project', version: 1 });
    expect(!missing.ok && missing.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['app_version', 'created', 'language', 'workspace', 'files']),
    );
  });

  it('refuses what is not a project, and says so', async () => {
    expect((await refusal(strToU8('ppe;timestamp\n'))).code).toBe('not-zip');
    const plain = zipSync({ 'a.csv': strToU8(rows('PLA', 1, 0)) });
    const e = await refusal(plain);
    expect(e.code).toBe('not-project');
    expect(e.message).toMatch(/not a Klaster project/);
    expect(isProjectArchive('a.zip', plain)).toBe(false);
    expect(await isProjectFile(new Blob([plain as Uint8Array<ArrayBuffer>]))).toBe(false);
    // The manifest in a folder is not at the root: an ordinary archive.
    expect((await refusal(zipSync({ [`x/${MANIFEST_NAME}`]: strToU8('{}') }))).code).toBe('not-project');
  });

  it('refuses a broken or hostile project with the field or file named', async () => {
    const text = rows('PLA', 1, 0);
    const good = await validManifest({ 'files/1-a.csv': text });
    const entries = { 'files/1-a.csv': strToU8(text) };
    // It opens as it is.
    expect((await readProject('p', zip(good, entries))).blobs.get(1)!.name).toBe('a.csv');

    const notJson = await refusal(zip('{"format": "klaster-project",', entries));
    expect([notJson.code, notJson.detail]).toEqual(['manifest', expect.stringMatching(/klaster-project\.json is not JSON/)]);

    const wrong = await refusal(zip({ ...good, workspace: { ...good.workspace, gap_fill: 'cubic' } }, entries));
    expect(wrong.code).toBe('manifest');
    expect(wrong.detail).toMatch(/^workspace\.gap_fill: must be/);

    const scenario = await refusal(zip({ ...good, scenario: { version: 2, key: 'random' } }, entries));
    expect(scenario.detail).toMatch(/^scenario\.key: /);

    const newer = await refusal(zip({ ...good, version: 2, whatever: true }, entries));
    expect([newer.code, newer.detail]).toEqual(['newer', '2']);
    expect(newer.message).toMatch(/made with a newer Klaster/);

    const missing = await refusal(zip(good, {}));
    expect([missing.code, missing.detail]).toEqual(['missing-file', 'files/1-a.csv']);

    const altered = await refusal(zip(good, { 'files/1-a.csv': strToU8(text.replace('PLA', 'PLX')) }));
    expect([altered.code, altered.detail]).toEqual(['checksum', 'files/1-a.csv']);

    const tricks = await validManifest({ '../../evil.csv': text });
    const trick = await refusal(zip(tricks, { '../../evil.csv': strToU8(text) }));
    expect(trick.code).toBe('manifest');
    expect(trick.detail).toMatch(/^files\[0\]\.path: must be "files\/<name>" inside the archive/);

    const noFile = await refusal(
      zip({ ...good, workspace: { ...good.workspace, files: [{ id: 9, loaded: 1, preferred: 0 }] } }, entries),
    );
    expect(noFile.detail).toMatch(/^workspace\.files\[0\]\.id: no entry of "files" has id 9/);

    const overrides = await refusal(
      zip(
        { ...good, workspace: { ...good.workspace, files: [{ id: 1, loaded: 1, preferred: 0, overrides: { unit: 'GWh' } }] } },
        entries,
      ),
    );
    expect(overrides.detail).toMatch(/^workspace\.files\[0\]\.overrides: unit cannot be "GWh"/);

    // A damaged archive: a byte of the packed file changed, so the zip's own check sum fails.
    const damaged = zip(good, entries);
    const at = damaged.indexOf(0x50, 40);
    damaged[at + 60] ^= 0xff;
    expect(['checksum', 'broken', 'manifest']).toContain((await refusal(damaged)).code);
    // Cut short: no directory.
    expect((await refusal(zip(good, entries).subarray(0, 200))).code).toBe('broken');
  });

  it('stops a zip bomb at its limit', async () => {
    const zeros = new Uint8Array(20_000_000);
    const bomb = await validManifest({});
    bomb.files = [{ id: 1, name: 'a.csv', path: 'files/1-a.csv', bytes: 100, sha256: '0'.repeat(64), last_modified: null }];
    bomb.workspace.files = [{ id: 1, loaded: 1, preferred: 0 }];
    const bytes = zip(bomb, { 'files/1-a.csv': zeros });
    expect(bytes.length).toBeLessThan(100_000);
    const e = await refusal(bytes, { entryBytes: 1_000_000, totalBytes: 2_000_000, entries: 100 });
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/unpacks to more than/);
    // Declared too large in the manifest: refused before it is inflated.
    bomb.files[0]!.bytes = 5_000_000;
    expect(
      (await refusal(zip(bomb, { 'files/1-a.csv': zeros }), { entryBytes: 1_000_000, totalBytes: 2_000_000, entries: 100 })).code,
    ).toBe('too-large');
  });
});

describe('klaster analyze project.klaster.zip', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaster-project-'));
    for (const f of FILES) writeFileSync(join(dir, f.name), f.text);
    writeFileSync(
      join(dir, 'scenario.json'),
      JSON.stringify({ version: 2, key: 'dynamic', add: [{ type: 'pv', id: 'PV-1', kwp: 50 }] }),
    );
  });

  it('equals the CLI on its files and --scenario; flags override the project', async () => {
    const files = FILES.map((f) => join(dir, f.name));
    const scenario = join(dir, 'scenario.json');
    const project = join(dir, 'p.klaster.zip');
    const direct = await runCli(['analyze', ...files, '--scenario', scenario, '--json', '--save-project', project]);
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    const viaProject = await runCli(['analyze', project, '--json']);
    expect(viaProject.stderr).toBe('');
    expect(JSON.parse(viaProject.stdout)).toEqual(JSON.parse(direct.stdout));

    const flagged = await runCli(['analyze', project, '--json', '--battery', '20,10,0.9']);
    expect(flagged.stderr).toBe('');
    const flaggedDirect = await runCli(['analyze', ...files, '--scenario', scenario, '--json', '--battery', '20,10,0.9']);
    expect(JSON.parse(flagged.stdout)).toEqual(JSON.parse(flaggedDirect.stdout));
    const period = await runCli(['analyze', project, '--json', '--from', '2025-06-03', '--to', '2025-06-05']);
    const periodDirect = await runCli([
      'analyze',
      ...files,
      '--scenario',
      scenario,
      '--json',
      '--from',
      '2025-06-03',
      '--to',
      '2025-06-05',
    ]);
    expect(JSON.parse(period.stdout)).toEqual(JSON.parse(periodDirect.stdout));
  });

  it("applies the project's corrections, and refuses a broken project with exit 2", async () => {
    const { files } = await loadedWorkspace();
    const { workspace, blob } = files.stored();
    const path = join(dir, 'corrected.klaster.zip');
    writeFileSync(path, await bytesOf(await writeProject({ workspace, blob, variants: VARIANTS, language: 'pl' })));
    const r = await runCli(['analyze', path, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.members.map((m: { id: string }) => m.id)).toEqual(['PLA', 'PLB-2', 'PV-1']);

    const broken = join(dir, 'broken.zip');
    const good = await validManifest({ 'files/1-a.csv': FILES[0]!.text });
    writeFileSync(broken, zip({ ...good, version: 7 }, { 'files/1-a.csv': strToU8(FILES[0]!.text) }));
    const b = await runCli(['analyze', broken, '--json']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/made with a newer Klaster/);
  });
});
