import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  try {
    walk(dir);
  } catch {
    // No public/ directory.
  }
  return out;
}

/**
 * The service worker (src/storage/service-worker.js) emitted as dist/sw.js with the list of every
 * file of the build (the page, scripts, kernels, the DuckDB bundle, public/ with the demo data) to
 * precache, and a version that changes with any of them, so a new deployment installs cleanly.
 */
function serviceWorker(): Plugin {
  let publicDir = 'public';
  return {
    name: 'klaster-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const fromPublic = filesUnder(publicDir);
      for (const f of fromPublic) hash.update(f).update(readFileSync(join(publicDir, f)));
      const built = Object.values(bundle).map((item) => {
        hash.update(item.fileName).update(item.type === 'chunk' ? item.code : item.source);
        return item.fileName;
      });
      // index.html is emitted after this hook: named here.
      const files = [...new Set(['index.html', ...built, ...fromPublic])].filter((f) => !f.endsWith('.map')).sort();
      const source = readFileSync('src/storage/service-worker.js', 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const PRECACHE = ${JSON.stringify(files)};\nconst VERSION = '${hash.digest('hex').slice(0, 16)}';\n${source}`,
      });
    },
  };
}

// A static site: `npm run build` writes dist/, deployable on any static host. DuckDB's single-thread
// `eh` bundle needs no cross-origin-isolation headers, so none are required here either.
export default defineConfig({
  plugins: [svelte(), serviceWorker()],
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The DuckDB wasm (34 MB) is an asset fetched by its worker, never inlined.
    assetsInlineLimit: 0,
    // Plotly (4.6 MB) is one lazily loaded chunk, fetched only when a chart is first drawn.
    chunkSizeWarningLimit: 5000,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
