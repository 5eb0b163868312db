// `npm run bench`: builds the benchmark pages, serves them on 127.0.0.1, runs them in Debian's
// Chromium and prints one JSON object per line.
// Options: --members 100,1000 (recompute sizes)  --meters 100 (ingest)  --no-sql  --only recompute|ingest
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const members = opt('--members', '100,1000');
const meters = opt('--meters', '100');
const only = opt('--only', 'all');
const sql = args.includes('--no-sql') ? '0' : '1';

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

/** The benchmark browser's main process: the one launched with our unique switch. */
const tag = `--klaster-bench=${process.pid}`;
function browserPid() {
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').includes(tag)) return Number(p);
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

async function runPage(browser, path, sampleMemory) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const pid = browserPid();
  let sampler = null;
  let baseline = 0;
  let peak = 0;
  await page.exposeFunction('__mark', (name) => {
    if (!sampleMemory || !pid) return;
    if (name.endsWith('-start')) {
      baseline = treeRss(pid);
      peak = baseline;
      sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 50);
    } else if (sampler) {
      clearInterval(sampler);
      sampler = null;
      peak = Math.max(peak, treeRss(pid));
    }
  });
  await page.goto(`${url}${path}`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 30 * 60_000, polling: 500 });
  const result = await page.evaluate(() => window.__bench);
  await page.close();
  if (result.error) throw new Error(result.error);
  return { lines: result.lines, peakExtraBytes: peak - baseline };
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
  if (only === 'all' || only === 'ingest') {
    const { lines, peakExtraBytes } = await runPage(browser, `ingest.html?meters=${meters}`, true);
    for (const line of lines) {
      const o = JSON.parse(line);
      o.peak_tab_memory_mb = Math.round(peakExtraBytes / 2 ** 20);
      o.peak_memory_vs_file = Math.round((peakExtraBytes / 2 ** 20 / o.file_mb) * 100) / 100;
      console.log(JSON.stringify(o));
    }
  }
  await browser.close();
} finally {
  server.kill();
}
