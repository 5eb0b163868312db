/**
 * Registers the service worker (built sites only: `npm run dev` has none) that lets the workbench
 * open offline after the first visit, and tells the page when a new deployment is installed and
 * waiting: `onUpdate(apply)`, where `apply()` hands over to it and reloads the page once.
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  let reloading = false;
  const offer = (waiting: ServiceWorker) =>
    onUpdate(() => {
      // The new worker takes over; the page reloads once it controls the page.
      sw.addEventListener('controllerchange', () => {
        if (reloading) return;
        reloading = true;
        location.reload();
      });
      waiting.postMessage({ type: 'skip-waiting' });
    });
  const register = () =>
    sw.register(new URL('sw.js', document.baseURI), { scope: './' }).then(
      (registration) => {
        // Only an update waits: the first install takes control at once (nothing older to replace).
        if (registration.waiting && sw.controller) offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed' && sw.controller) offer(installing);
          });
        });
      },
      () => {
        // No service worker (private mode, blocked): the page works online as before.
      },
    );
  // Precaching the whole site (42 MB, DuckDB's wasm included) took a core and the disk while the
  // demo was decoded and balanced on a 2-core machine: it starts once DuckDB is ready (its wasm
  // then comes from the HTTP cache), or after 15 s whatever happens.
  afterMark('klaster:duckdb-ready', 15_000, () => void register());
}

/** Runs `then` once the performance mark `name` is set (or was), or after `fallbackMs`. */
function afterMark(name: string, fallbackMs: number, then: () => void): void {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(go, fallbackMs);
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(name).length > 0) go();
    });
    observer.observe({ type: 'mark', buffered: true });
  } catch {
    // No PerformanceObserver for marks: the fallback time stands.
  }
}
