/**
 * The keyboard around what opens over or out of the page: Escape closes a dropdown-like disclosure
 * (an open `<details data-dismiss>`: the export menu, a file's correction form) and puts focus back
 * on its summary; a modal view (the report) keeps Tab inside itself.
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Escape inside (or on the summary of) an open `<details data-dismiss>`: the innermost one closes
 * and its summary takes the focus. True when it did (the key is then spent).
 */
export function dismissOnEscape(e: KeyboardEvent): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented) return false;
  const target = e.target instanceof Element ? e.target : null;
  const details = target?.closest<HTMLDetailsElement>('details[data-dismiss][open]');
  if (!details) return false;
  e.preventDefault();
  details.open = false;
  details.querySelector<HTMLElement>(':scope > summary')?.focus();
  return true;
}

/** The elements Tab stops at inside `root`, in order (visible ones only). */
export function tabStops(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'),
  );
}

/** Tab on the last stop goes to the first, Shift+Tab on the first to the last: focus stays in `root`. */
export function trapTab(root: HTMLElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const stops = tabStops(root);
  if (stops.length === 0) return;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  const active = document.activeElement;
  const outside = !(active instanceof Node) || !root.contains(active);
  if (e.shiftKey && (active === first || outside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || outside)) {
    e.preventDefault();
    first.focus();
  }
}
