/** Where the demo cluster lives on the site, and how it is opened (browser worker or Node). */
import { decodeDemo, demoRegister, gunzip } from '../ingest/demo';
import type { ClusterData } from '../ingest/cluster-data';

export const DEMO_READINGS = 'demo/staszow-2025.arrows.gz';
export const DEMO_REGISTER = 'demo/staszow-members.csv';

/** Fetches and decodes the demo relative to the site's root URL. */
export async function openDemo(siteRoot: URL): Promise<ClusterData> {
  const [readings, register] = await Promise.all(
    [DEMO_READINGS, DEMO_REGISTER].map(async (path) => {
      const r = await fetch(new URL(path, siteRoot));
      if (!r.ok) throw new Error(`demo data ${path}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    }),
  );
  return decodeDemo(await gunzip(readings), demoRegister(DEMO_REGISTER, register));
}
