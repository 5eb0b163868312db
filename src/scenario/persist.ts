/**
 * Where the page keeps the scenario: in the link (so that it can be sent) and in the browser's
 * storage (so that a reload does not lose it). A link wins over what was stored.
 */
import { decodeLink, encodeLink } from './link';
import { newScenario, type Variants } from './model';
import { parseVariants, type Problem } from './schema';

const STORAGE_KEY = 'klaster.scenario';

/** What the page opens with: the link's scenario, else the stored one, else the default. */
export async function openingVariants(hash: string): Promise<{ value: Variants; fromLink: boolean; problems: Problem[] }> {
  if (hash.length > 1) {
    const r = await decodeLink(hash);
    if (r.ok) return { value: r.value, fromLink: true, problems: [] };
    return { value: stored() ?? { current: newScenario(), variants: [] }, fromLink: false, problems: r.problems };
  }
  return { value: stored() ?? { current: newScenario(), variants: [] }, fromLink: false, problems: [] };
}

/** Keeps `v` in the link and the browser's storage. */
export async function keep(v: Variants): Promise<string> {
  const hash = await encodeLink(v);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(v));
  } catch {
    // Storage full or off (private mode): the link still holds the scenario.
  }
  return hash;
}

/** Forgets the scenario kept in the browser ("clear my data"); the link is the page's to reset. */
export function forgetStored(): void {
  try {
    globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage off: nothing was kept.
  }
}

function stored(): Variants | null {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!text) return null;
    const r = parseVariants(JSON.parse(text));
    return r.ok ? r.value : null;
  } catch {
    return null;
  }
}
