/** Where the demo cluster lives on the site, and how it is opened (browser worker or Node). */
import { decodeDemo, demoRegister, gunzip } from '../ingest/demo';
import type { ClusterData } from '../ingest/cluster-data';
import { DEMO_READINGS, DEMO_REGISTER } from './protocol';

export { DEMO_READINGS, DEMO_REGISTER };

/**
 * Fetches and decodes the demo relative to the site's root URL; `readings`: its readings when
 * they are already on their way (the page fetched them), else they are fetched here.
 */
export async function openDemo(siteRoot: URL, readings?: Promise<Uint8Array>): Promise<ClusterData> {
  const get = async (path: string) => {
    const r = await fetch(new URL(path, siteRoot));
    if (!r.ok) throw new Error(`demo data ${path}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  const [arrow, register] = await Promise.all([readings ?? get(DEMO_READINGS), get(DEMO_REGISTER)]);
  return decodeDemo(await gunzip(arrow), demoRegister(DEMO_REGISTER, register));
}
