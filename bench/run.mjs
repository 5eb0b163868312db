// `npm run bench`: builds the benchmark pages, serves them on 127.0.0.1, runs them in Debian's
// Chromium and prints one JSON object per line.
// Options: --members 100,1000 (recompute sizes)  --meters 100 (ingest)  --files 300 (Tauron
//          exports, ingest)  --no-sql
//          --only recompute|scenario|ingest|page   --loads 5 (page loads to take the median of)
//          --memory-trace (ingest: the tab's memory every 20 ms and the page's marks, on stderr,
//          to see which stage holds what; the JSON lines on stdout are unchanged)
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tauronFile, tauronFileName } from './tauron-files.mjs';
import { longCsvPieces } from './long-csv.mjs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const members = opt('--members', '100,1000');
const meters = opt('--meters', '100');
const tauronFiles = Number(opt('--files', '300'));
const only = opt('--only', 'all');
const loads = Number(opt('--loads', '5'));
const sql = args.includes('--no-sql') ? '0' : '1';
const memoryTrace = args.includes('--memory-trace');

/** Resident memory of a process and all its descendants, bytes (Linux /proc). */
function treeRss(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      /* the process ended */
    }
  }
  return total;
}

/** A benchmark browser's main process: the one launched with our unique switch. */
const tag = `--klaster-bench=${process.pid}`;
const profileTag = `--klaster-bench-profile=${process.pid}`;
function browserPid(switchName) {
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').includes(switchName)) return Number(p);
    } catch {
      /* gone */
    }
  }
  return undefined;
}

execFileSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'error'],
  {
    stdio: 'inherit',
  },
);
const port = 4300 + Math.floor(Math.random() * 500);
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--config', 'bench/vite.config.ts', '--port', String(port), '--strictPort'],
  { stdio: 'ignore' },
);
const url = `http://127.0.0.1:${port}/`;

/** `browser`: a browser or a context; `switchName`: the switch its browser was launched with. */
async function runPage(browser, path, sampleMemory, prepare = async () => undefined, switchName = tag) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const pid = browserPid(switchName);
  let sampler = null;
  let baseline = 0;
  let peak = 0;
  /** The peak so far at each intermediate mark (e.g. when the KPIs are in). */
  const peaks = {};
  const t0 = Date.now();
  const trace = (what) => memoryTrace && sampleMemory && console.error(`${path.split('?')[0]} +${Date.now() - t0} ms ${what}`);
  await page.exposeFunction('__mark', (name) => {
    trace(`mark ${name}`);
    if (!sampleMemory || !pid) return;
    if (sampler && !name.endsWith('-end')) {
      peaks[name] = Math.max(peak, treeRss(pid)) - baseline;
      return;
    }
    if (name.endsWith('-start')) {
      baseline = treeRss(pid);
      peak = baseline;
      sampler = setInterval(
        () => {
          const rss = treeRss(pid);
          peak = Math.max(peak, rss);
          trace(`${Math.round((rss - baseline) / 2 ** 20)} MB`);
        },
        memoryTrace ? 20 : 50,
      );
    } else if (sampler) {
      clearInterval(sampler);
      sampler = null;
      peak = Math.max(peak, treeRss(pid));
    }
  });
  await page.goto(`${url}${path}`);
  await prepare(page);
  await page.waitForFunction(() => window.__bench, null, { timeout: 30 * 60_000, polling: 500 });
  const result = await page.evaluate(() => window.__bench);
  await page.close();
  if (result.error) throw new Error(result.error);
  return { lines: result.lines, peakExtraBytes: peak - baseline, peaks };
}

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      if (i > 150) throw new Error('bench server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=8192', tag],
  });
  if (only === 'all' || only === 'recompute') {
    const { lines } = await runPage(browser, `index.html?members=${members}&sql=${sql}`, false);
    for (const line of lines) console.log(line);
  }
  if (only === 'all' || only === 'scenario') {
    const { lines } = await runPage(browser, 'scenario.html', false);
    for (const line of lines) console.log(line);
  }
  if (only === 'all' || only === 'ingest') {
    // A profile on disk, as a user's browser has: a fresh context is off the record and keeps the
    // files the page stores (IndexedDB) in the browser process's memory, 1× the files more.
    const profileDir = mkdtempSync(join(tmpdir(), 'klaster-bench-profile-'));
    const profile = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=8192', profileTag],
    });
    const longDir = mkdtempSync(join(tmpdir(), 'klaster-bench-long-'));
    let long;
    try {
      const path = join(longDir, 'generic-long.csv');
      const fd = openSync(path, 'w');
      for (const piece of longCsvPieces(Number(meters))) writeSync(fd, piece);
      closeSync(fd);
      long = await runPage(
        profile,
        `ingest.html?meters=${meters}&from=input`,
        true,
        (page) => page.setInputFiles('#file', path),
        profileTag,
      );
    } finally {
      rmSync(longDir, { recursive: true, force: true });
    }
    const { lines, peakExtraBytes, peaks } = long;
    for (const line of lines) {
      const o = JSON.parse(line);
      o.peak_tab_memory_mb = Math.round(peakExtraBytes / 2 ** 20);
      o.peak_memory_vs_file = Math.round((peakExtraBytes / 2 ** 20 / o.file_mb) * 100) / 100;
      if (peaks.parsed !== undefined)
        o.peak_memory_to_parsed_vs_file = Math.round((peaks.parsed / 2 ** 20 / o.file_mb) * 100) / 100;
      if (peaks.kpis !== undefined) o.peak_memory_to_kpis_vs_file = Math.round((peaks.kpis / 2 ** 20 / o.file_mb) * 100) / 100;
      console.log(JSON.stringify(o));
    }
    const dir = mkdtempSync(join(tmpdir(), 'klaster-bench-tauron-'));
    let tauron;
    let cli;
    try {
      const paths = writeTauronFiles(dir, tauronFiles);
      tauron = await runPage(
        profile,
        `tauron.html?files=${tauronFiles}&from=input`,
        true,
        (page) => page.setInputFiles('#files', paths),
        profileTag,
      );
      await profile.close();
      cli = cliOn(paths);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    }
    for (const line of tauron.lines) {
      const o = JSON.parse(line);
      o.peak_tab_memory_mb = Math.round(tauron.peakExtraBytes / 2 ** 20);
      o.peak_memory_vs_files = Math.round((tauron.peakExtraBytes / 2 ** 20 / o.mb) * 100) / 100;
      if (tauron.peaks.kpis !== undefined)
        o.peak_memory_to_kpis_vs_files = Math.round((tauron.peaks.kpis / 2 ** 20 / o.mb) * 100) / 100;
      Object.assign(o, cli);
      console.log(JSON.stringify(o));
    }
  }
  if (only === 'all' || only === 'page') console.log(JSON.stringify(await pageLoad(browser)));
  await browser.close();
} finally {
  server.kill();
}

/** The seeded Tauron exports written to `dir` (the page's input and the CLI read the same files). */
function writeTauronFiles(dir, count) {
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, tauronFileName(i));
    writeFileSync(path, tauronFile(i));
    return path;
  });
}

/** The CLI (`klaster analyze <files> --json`) on those files: wall time of the whole command (start-up, reading, balance). */
function cliOn(paths) {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, ['bin/klaster.mjs', 'analyze', ...paths, '--json'], {
    maxBuffer: 256 * 2 ** 20,
  });
  const cliMs = performance.now() - t0;
  const members = JSON.parse(out.toString()).members_count;
  if (members !== paths.length) throw new Error(`the CLI read ${members} members of ${paths.length} files`);
  return { cli_ms: Math.round(cliMs) };
}

/**
 * The built site (dist/, as `npm start` serves it) opened `loads` times in fresh contexts: ms from
 * navigation to the first KPIs and to DuckDB ready (the page's own performance marks), and the
 * JavaScript fetched before the first KPIs (Resource Timing; "gzip" is what a compressing server
 * would send: the files gzipped at level 9, since vite preview serves them raw).
 */
async function pageLoad(browser) {
  const { gzipSync } = await import('node:zlib');
  const sitePort = port + 1;
  const site = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(sitePort), '--strictPort'], {
    stdio: 'ignore',
  });
  try {
    const siteUrl = `http://127.0.0.1:${sitePort}/`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(siteUrl)).ok) break;
      } catch {
        if (i > 150) throw new Error('site server did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const kpis = [];
    const duckdb = [];
    let scripts = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(siteUrl);
      await page.waitForFunction(() => performance.getEntriesByName('klaster:duckdb-ready').length > 0, null, {
        timeout: 120_000,
      });
      const r = await page.evaluate(() => {
        const mark = (n) => performance.getEntriesByName(n)[0].startTime;
        const before = mark('klaster:kpis');
        const js = performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime < before && /\.js$/.test(new URL(e.name).pathname))
          .map((e) => new URL(e.name).pathname);
        return { kpis: before, duckdb: mark('klaster:duckdb-ready'), js };
      });
      kpis.push(r.kpis);
      duckdb.push(r.duckdb);
      scripts = ['/assets/' + readdirSync('dist/assets').find((f) => /^index-.*\.js$/.test(f)), ...r.js];
      await context.close();
    }
    const unique = [...new Set(scripts)];
    const raw = unique.reduce((a, p) => a + readFileSync(`dist${p}`).length, 0);
    const gz = unique.reduce((a, p) => a + gzipSync(readFileSync(`dist${p}`), { level: 9 }).length, 0);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const distBytes = (dir) =>
      readdirSync(dir, { withFileTypes: true }).reduce(
        (a, e) => a + (e.isDirectory() ? distBytes(`${dir}/${e.name}`) : readFileSync(`${dir}/${e.name}`).length),
        0,
      );
    return {
      bench: 'page-load-demo',
      loads,
      kpis_ms: Math.round(median(kpis)),
      kpis_ms_fastest: Math.round(Math.min(...kpis)),
      kpis_ms_slowest: Math.round(Math.max(...kpis)),
      duckdb_ready_ms: Math.round(median(duckdb)),
      js_before_kpis_files: unique.length,
      js_before_kpis_kb: Math.round(raw / 1024),
      js_before_kpis_gzip_kb: Math.round(gz / 1024),
      dist_mb: Math.round((distBytes('dist') / 2 ** 20) * 10) / 10,
    };
  } finally {
    site.kill();
  }
}
