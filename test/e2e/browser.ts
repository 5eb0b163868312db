/** Debian's Chromium driven by playwright-core, with what a test must watch on a page. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export const OUTPUT = 'test/output';

/**
 * One Chromium for the tests of a describe block: launched before them, closed after. Call it in
 * the block's body; pages and contexts come from the returned handle.
 */
export function sharedBrowser(): Pick<Browser, 'newPage' | 'newContext'> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const live = (): Browser => {
    if (!browser) throw new Error('the browser is launched in beforeAll: use it inside a test');
    return browser;
  };
  return { newPage: (options) => live().newPage(options), newContext: (options) => live().newContext(options) };
}

export async function launch(): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Everything a page did that a private, error-free site must not do. */
export interface Watch {
  consoleErrors: string[];
  foreignRequests: string[];
  cspViolations: string[];
}

export async function watch(page: Page, origin: string): Promise<Watch> {
  const w: Watch = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.consoleErrors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => w.consoleErrors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) w.consoleErrors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.context().on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) w.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCsp', (v: string) => w.cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return w;
}

export function screenshotPath(name: string): string {
  mkdirSync(OUTPUT, { recursive: true });
  return join(OUTPUT, `${name}.png`);
}
