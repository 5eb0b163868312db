/**
 * The scenario link: `#s=<base64url(deflate-raw(JSON))>` carrying the current scenario, its saved
 * variants and the fingerprint of the data they were made on — never meter data. Fields equal to
 * their defaults are left out before compressing (parseScenario puts them back), which keeps a
 * typical link of ten overlays and three variants well under 2,000 characters. Links of the
 * first page (`#v=1&w=60&k=dynamic&b=500,250,0.9`) still open. Decoding never throws: anything
 * unreadable comes back as problems saying what is wrong.
 */
import { concatBytes } from '../ingest/bytes';
import { addedDefaults, batteryDefaults, defaultScenario, type Added, type Scenario, type Variants } from './model';
import { type Problem, parseScenario, parseVariants } from './schema';

export type LinkResult = { ok: true; value: Variants } | { ok: false; problems: Problem[] };

/** The fragment's prefix. */
export const LINK_PREFIX = '#s=';

/** Longest fragment read; a real link is a few thousand characters at most. */
const MAX_LINK_CHARS = 100_000;
/** Most JSON a link may inflate to (guards against a deflate bomb). */
const MAX_JSON_BYTES = 1 << 20;

/** The scenario without the fields equal to their defaults (what the link carries). */
export function compactScenario(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const defaults = defaultScenario as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(s)) {
    if (value === undefined) continue;
    if (key === 'battery' && value !== null) {
      out.battery = dropDefaults(value as Record<string, unknown>, batteryDefaults);
    } else if (key === 'add') {
      if ((value as Added[]).length > 0) {
        out.add = (value as Added[]).map((item) => dropDefaults(item, addedDefaults[item.type] ?? {}));
      }
    } else if (key === 'version' || !isDefault(value, defaults[key])) {
      out[key] = value;
    }
  }
  return out;
}

function dropDefaults(o: object, defaults: object): Record<string, unknown> {
  const d = defaults as Record<string, unknown>;
  return Object.fromEntries(Object.entries(o).filter(([k, x]) => x !== undefined && !(k in d && d[k] === x)));
}

/** Equal to a default: the same scalar, or an empty list or object where the default is one. */
function isDefault(value: unknown, fallback: unknown): boolean {
  if (value === fallback) return true;
  if (Array.isArray(value) && Array.isArray(fallback)) return value.length === 0 && fallback.length === 0;
  if (value && fallback && typeof value === 'object' && typeof fallback === 'object') {
    return Object.keys(value).length === 0 && Object.keys(fallback).length === 0;
  }
  return false;
}

/** `#s=…` for the scenario, its variants and the data fingerprint. The input is not re-validated. */
export async function encodeLink(v: Variants): Promise<string> {
  const payload: Record<string, unknown> = { current: compactScenario(v.current) };
  if (v.variants.length > 0) payload.variants = v.variants.map(compactScenario);
  if (v.fingerprint !== undefined) payload.fingerprint = v.fingerprint;
  const bytes = await transform(new TextEncoder().encode(JSON.stringify(payload)), new CompressionStream('deflate-raw'));
  return LINK_PREFIX + toBase64Url(bytes);
}

const damaged = (why: string): LinkResult => ({
  ok: false,
  problems: [{ path: '', message: `the link is damaged (${why}); was it cut short when it was copied?` }],
});

/**
 * Reads a link's fragment (`#s=…`, `s=…`, the first page's `#v=1&…`, or a whole URL holding
 * one) back into the scenario and its variants, with every default filled in.
 */
export async function decodeLink(hash: string): Promise<LinkResult> {
  try {
    return await decode(hash);
  } catch (e) {
    // Nothing below is meant to throw; this only keeps the promise of "never throws".
    return {
      ok: false,
      problems: [{ path: '', message: `the link cannot be read: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

async function decode(hash: string): Promise<LinkResult> {
  if (typeof hash !== 'string') return { ok: false, problems: [{ path: '', message: 'the link is not text' }] };
  const at = hash.indexOf('#');
  const fragment = (at >= 0 ? hash.slice(at + 1) : hash).trim();
  if (fragment.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      problems: [{ path: '', message: `the link is too long (${fragment.length} characters) to be a scenario` }],
    };
  }
  const params = fragment.split('&').filter(Boolean);
  const s = params.find((p) => p.startsWith('s='));
  if (s !== undefined) return decodeCompressed(s.slice(2));
  if (params.some((p) => p.startsWith('v='))) return decodeV1(fragment);
  return { ok: false, problems: [{ path: '', message: 'the link holds no scenario (it has no #s=… part)' }] };
}

async function decodeCompressed(text: string): Promise<LinkResult> {
  const bytes = fromBase64Url(text);
  if (!bytes) return damaged('not valid base64url');
  if (bytes.length === 0) return damaged('it is empty');
  let inflated: Uint8Array;
  try {
    inflated = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
  } catch (e) {
    if (e instanceof TooLarge)
      return { ok: false, problems: [{ path: '', message: 'the link unpacks to more than 1 MB: not a scenario' }] };
    return damaged('its data do not decompress');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return damaged('its data are not JSON');
  }
  return parseVariants(json, 'link');
}

/** `#v=1&w=15&k=static&b=500,250,0.9`: the first page's links, read as the version 1 scenario. */
function decodeV1(fragment: string): LinkResult {
  const p = new URLSearchParams(fragment);
  const raw = p.get('v') ?? '';
  const version = /^\d+$/.test(raw) ? Number(raw) : raw;
  const input: Record<string, unknown> = { version };
  const w = p.get('w');
  if (w !== null) input.windowMinutes = /^\d+$/.test(w) ? Number(w) : w;
  const k = p.get('k');
  if (k !== null) input.key = k;
  const b = p.get('b');
  if (b !== null) {
    const parts = b.split(',');
    const n = (i: number) => (parts[i] !== undefined && parts[i].trim() !== '' ? Number(parts[i]) : undefined);
    if (parts.length !== 3) {
      return {
        ok: false,
        problems: [{ path: 'battery', message: `must be <kWh>,<kW>,<round-trip>, e.g. 500,250,0.9, not "${b}"` }],
      };
    }
    input.battery = { capacityKwh: n(0), powerKw: n(1), roundTrip: n(2) };
  }
  const r = parseScenario(input, 'link');
  return r.ok ? { ok: true, value: { current: r.scenario, variants: [] } } : r;
}

class TooLarge extends Error {}

/** Runs bytes through a compression or decompression stream, stopping past `limit` bytes out. */
async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Infinity,
): Promise<Uint8Array> {
  const input = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  const reader = input.pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return chunks.length === 0 ? new Uint8Array(0) : concatBytes(chunks);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes, or undefined when the text is not base64url (unpadded; padding is tolerated). */
function fromBase64Url(text: string): Uint8Array | undefined {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return undefined;
  try {
    const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (body.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
