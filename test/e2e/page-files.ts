/** Files as a user gives them to the page, and the numbers it shows. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

export const FORMATS = new URL('../fixtures/formats/', import.meta.url);

/** A fixture's bytes, from its gzipped copy when that is what the repository keeps. */
export function fixture(dir: URL, name: string): Buffer {
  try {
    return readFileSync(new URL(name, dir));
  } catch {
    return gunzipSync(readFileSync(new URL(`${name}.gz`, dir)));
  }
}

/** Drops files onto the page as a user would: a real DataTransfer on a drop event. */
export async function drop(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: f.bytes.toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, payload);
}

export async function metric(page: Page, key: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${key}"]`).getAttribute('data-value'));
}

/** A desktop-sized page on the demo, its KPIs on screen. */
export async function openOnDemo(browser: Pick<Browser, 'newPage'>, base: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(base);
  await page.locator('[data-metric="shared_kwh"]').waitFor();
  return page;
}

/** Waits until the files list holds `files` files and the KPIs are on screen again. */
export async function filesLoaded(page: Page, files: number, timeout = 120_000): Promise<void> {
  await expect.poll(() => page.locator('[data-file]').count(), { timeout }).toBe(files);
  await page.locator('[data-metric="shared_kwh"]').waitFor();
}
