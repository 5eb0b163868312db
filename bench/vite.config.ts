import { defineConfig } from 'vite';

// The benchmark pages, built like the site (same kernels, same DuckDB bundle) into bench/output/site.
export default defineConfig({
  root: 'bench/pages',
  base: './',
  build: {
    outDir: '../output/site',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: {
        index: 'bench/pages/index.html',
        ingest: 'bench/pages/ingest.html',
        scenario: 'bench/pages/scenario.html',
        tauron: 'bench/pages/tauron.html',
      },
    },
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
});
