/**
 * The demo cluster as files the CLI reads: a long CSV of every member's readings (the demo's Wh
 * become exactly these kWh) and the member register, written to a fresh temporary folder. Tests
 * compare the page's numbers with the CLI's on the same data.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeDemo, demoRegister } from '../../src/ingest/demo';

export function demoAsCsv(): { data: string; members: string } {
  const registerBytes = readFileSync('public/demo/staszow-members.csv');
  const register = demoRegister('staszow-members.csv', registerBytes);
  const d = decodeDemo(gunzipSync(readFileSync('public/demo/staszow-2025.arrows.gz')), register);
  const times = Array.from({ length: d.intervals }, (_, k) =>
    new Date(d.startUtcMs + k * d.stepMinutes * 60_000).toISOString().replace('.000Z', 'Z'),
  );
  const lines = ['ppe,timestamp_utc,import_kwh,export_kwh'];
  d.members.forEach((m, i) => {
    for (let k = 0; k < d.intervals; k++) {
      lines.push(`${m.id},${times[k]},${d.imports[i * d.intervals + k]},${d.exports[i * d.intervals + k]}`);
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'klaster-demo-csv-'));
  const data = join(dir, 'staszow-2025.csv');
  const members = join(dir, 'staszow-members.csv');
  writeFileSync(data, lines.join('\n'));
  writeFileSync(members, registerBytes);
  return { data, members };
}
