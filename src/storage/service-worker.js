/* The workbench's service worker: precaches the whole site (the page, its scripts, the kernels,
   the DuckDB bundle, the demo data) so that after the first visit it opens and works offline.
   The build (vite.config.ts) prepends `const PRECACHE = [...]` and `const VERSION = '…'`.
   A new deployment installs beside the old one and waits: the page says a new version is ready
   and, when the user reloads through it, asks this worker to take over ('skip-waiting'). */
/* global PRECACHE, VERSION */
const CACHE = `klaster-${VERSION}`;
const INDEX = new URL('./index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Past the HTTP cache: the files of this deployment, not older copies.
      cache.addAll(PRECACHE.map((path) => new Request(new URL(path, self.registration.scope), { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('klaster-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.href.startsWith(self.registration.scope)) {
    // The page itself, from this deployment's cache; the network only when it is not there.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(INDEX))
        .then((hit) => hit ?? fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true, ignoreVary: true }))
      .then((hit) => hit ?? fetch(request)),
  );
});
