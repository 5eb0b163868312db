/**
 * Serves the built site (dist/, made by `npm test`'s pretest build, or $KLASTER_DIST) on 127.0.0.1 for the
 * end-to-end tests, exactly as `npm run preview` would, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  // KLASTER_DIST serves another build (e.g. one made with `vite build --outDir /tmp/x` while
  // others share the checkout); the default is dist/.
  const dist = process.env.KLASTER_DIST ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ is missing: run \`npm run build\` first (npm test does)`);
  const port = await freePort();
  // The server itself, not an npm wrapper, so that the PID we kill is the one listening.
  server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`preview server did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', url);
  return () => {
    server?.kill();
  };
}
