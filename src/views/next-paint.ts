/**
 * Resolves once the browser has painted what is in the DOM now: a frame, then a task after it.
 * A hidden tab paints nothing (no frames): there it resolves after a short wait instead.
 */
export function nextPaint(hiddenWaitMs = 250): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(done, hiddenWaitMs);
    requestAnimationFrame(() => setTimeout(done, 0));
  });
}
