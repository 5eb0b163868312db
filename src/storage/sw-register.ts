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
  // After the page's own loading: precaching (DuckDB's 34 MB) must not compete with first paint.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
