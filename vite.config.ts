import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// A static site: `npm run build` writes dist/, deployable on any static host. DuckDB's single-thread
// `eh` bundle needs no cross-origin-isolation headers, so none are required here either.
export default defineConfig({
  plugins: [svelte()],
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
