/** The CLI analyses one period (issue 7 item 3) and says how it completes a partial order (item 4). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-run';

/** An hourly long file of one meter over `days` days from local midnight of 1 June `year`. */
function yearFile(dir: string, name: string, ppe: string, year: number, days = 3): string {
  const start = Date.UTC(year, 4, 31, 22); // 00:00 Warsaw summer time
  const rows = Array.from(
    { length: days * 24 },
    (_, h) => `${ppe},${new Date(start + h * 3_600_000).toISOString()},1,${h % 24 === 12 ? 2 : 0}`,
  );
  const path = join(dir, name);
  writeFileSync(path, ['ppe,timestamp_utc,import_kwh,export_kwh', ...rows].join('\n'));
  return path;
}

describe('klaster analyze over one period', () => {
  let dir: string;
  let a2024: string;
  let b2025: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaster-period-'));
    a2024 = yearFile(dir, 'a2024.csv', 'PLA', 2024);
    b2025 = yearFile(dir, 'b2025.csv', 'PLB', 2025);
  });

  it("exits 2 naming each file's period in local dates when the periods do not overlap", async () => {
    const r = await runCli(['analyze', a2024, b2025, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a2024.csv: 2024-06-01 – 2024-06-03');
    expect(r.stderr).toContain('b2025.csv: 2025-06-01 – 2025-06-03');
    expect(r.stderr).toContain('--from YYYY-MM-DD --to YYYY-MM-DD');
  });

  it('analyses the period --from/--to asks for (local dates, both inclusive)', async () => {
    const r = await runCli(['analyze', a2024, b2025, '--from', '2025-06-01', '--to', '2025-06-02', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.intervals).toBe(48);
    expect(out.consumption_kwh).toBe(48);
    expect(out.members.map((m: { id: string }) => m.id)).toEqual(['PLA', 'PLB']);
  });

  it('refuses a half-given or impossible period', async () => {
    expect((await runCli(['analyze', a2024, '--from', '2025-06-01'])).code).toBe(2);
    const r = await runCli(['analyze', a2024, '--from', '2025-06-02', '--to', '2025-06-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from not after --to/);
  });

  it('says which members a partial priority order leaves to register order', async () => {
    const c2025 = yearFile(dir, 'c2025.csv', 'PLC', 2025);
    const order = join(dir, 'order.csv');
    writeFileSync(order, 'PLC\n');
    const r = await runCli(['analyze', b2025, c2025, '--key', 'priority', '--order', order, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 member\(s\) not in the priority order follow the listed ones in register order: PLB/);
    const out = JSON.parse(r.stdout);
    expect(out.shared_kwh).toBeCloseTo(6, 9); // min(ΣI, ΣE) = min(2, 2) at noon, on each of 3 days
  });
});
