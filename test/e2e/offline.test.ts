/**
 * Offline: after the first visit the service worker has the whole site (page, kernels, DuckDB,
 * demo data) and the workbench opens and works with the network off; a new deployment waits until
 * the user reloads through the "new version" notice.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sharedBrowser } from './browser';
import { metric } from './page-files';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

describe('offline after the first visit', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function controlled(page: Page): Promise<void> {
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
  }

  it('opens with the network off: demo KPIs and the SQL console', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    const shared = await metric(page, 'shared_kwh');
    await controlled(page);

    await context.setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch('./favicon.svg?probe', { cache: 'no-store' })
          .then(() => 'served')
          .catch(() => 'offline'),
      ),
    ).toBe('served');
    await page.reload();
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    expect(await metric(page, 'shared_kwh')).toBe(shared);
    // The panels below the KPIs follow once the KPIs are painted.
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBeGreaterThan(1);

    const sql = page.locator('details.sql');
    await sql.locator('summary').click();
    await sql.locator('textarea').fill('SELECT count(*) AS n FROM members');
    const run = sql.getByRole('button', { name: 'Uruchom' });
    await expect.poll(() => run.isEnabled(), { timeout: 60_000 }).toBe(true);
    await run.click();
    const cell = sql.locator('table[data-sql-result] tbody td').first();
    await cell.waitFor();
    expect(Number(await cell.innerText())).toBeGreaterThan(1);
    expect(await sql.locator('[data-sql-error]').count()).toBe(0);
    await context.close();
  });

  it('says when a new version is installed and waiting, and reloads into it', async () => {
    // A deployment of its own (a copy of the build on another port), so that it can be redeployed.
    const root = mkdtempSync(join(tmpdir(), 'klaster-deploy-'));
    cpSync(process.env.KLASTER_DIST ?? 'dist', root, { recursive: true });
    const server = await serve(root);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.locator('[data-metric="shared_kwh"]').waitFor();
      await controlled(page);
      expect(await page.locator('[data-notice="update-ready"]').count()).toBe(0);
      // The next deployment: its service worker differs.
      writeFileSync(join(root, 'sw.js'), `${readFileSync(join(root, 'sw.js'), 'utf8')}\n// next deployment\n`);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const notice = page.locator('[data-notice="update-ready"]');
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.innerText()).toMatch(/nowa wersja/i);
      await Promise.all([page.waitForEvent('load'), notice.getByRole('button').click()]);
      await page.locator('[data-metric="shared_kwh"]').waitFor();
      expect(await page.locator('[data-notice="update-ready"]').count()).toBe(0);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
    } finally {
      await context.close();
      await new Promise((r) => server.server.close(r));
      rmSync(root, { recursive: true, force: true });
    }
  });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.gz': 'application/gzip',
};

/** A static server for `root` on a free port of 127.0.0.1 (no caching: a redeployment shows at once). */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}
