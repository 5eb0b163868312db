// `npm run bench`: builds the benchmark pages, serves them on 127.0.0.1, runs them in Debian's
// Chromium and prints one JSON object per line. Options: --members 100,1000  --no-sql
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const members = args.includes('--members') ? args[args.indexOf('--members') + 1] : '100,1000';
const sql = args.includes('--no-sql') ? '0' : '1';

execFileSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'error'],
  { stdio: 'inherit' },
);
const port = 4300 + Math.floor(Math.random() * 500);
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--config', 'bench/vite.config.ts', '--port', String(port), '--strictPort'],
  { stdio: 'ignore' },
);
const url = `http://127.0.0.1:${port}/`;
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
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--js-flags=--max-old-space-size=8192',
    ],
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${url}?members=${members}&sql=${sql}`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 30 * 60_000, polling: 500 });
  const result = await page.evaluate(() => window.__bench);
  await browser.close();
  if (result.error) throw new Error(result.error);
  for (const line of result.lines) console.log(line);
} finally {
  server.kill();
}
