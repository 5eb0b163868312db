/** The scenario link: #s=<base64url(deflate-raw(JSON))>, old #v=1 links, and fuzz. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScenario, type Variants } from '../../../src/scenario/model';
import { LINK_PREFIX, compactScenario, decodeLink, encodeLink } from '../../../src/scenario/link';
import { parseScenario } from '../../../src/scenario/schema';
import { variantsArb } from './arbitraries';
import { fullExample, typicalVariants } from './examples';

async function deflate(text: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const linkOf = async (json: string) => LINK_PREFIX + base64url(await deflate(json));

async function decoded(hash: string): Promise<Variants> {
  const r = await decodeLink(hash);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

async function refused(hash: string) {
  const r = await decodeLink(hash);
  if (r.ok) throw new Error(`accepted ${hash}`);
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0);
  return r.problems;
}

describe('encode and decode', () => {
  it('the default scenario makes a short link and comes back', async () => {
    const link = await encodeLink({ current: defaultScenario, variants: [] });
    expect(link).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(40);
    expect(await decoded(link)).toStrictEqual({ current: defaultScenario, variants: [] });
  });

  it('the full example comes back whole, fingerprint included', async () => {
    const r = parseScenario(fullExample);
    if (!r.ok) throw new Error('example refused');
    const v: Variants = { current: r.scenario, variants: [defaultScenario], fingerprint: '0123456789abcdef' };
    expect(await decoded(await encodeLink(v))).toStrictEqual(v);
  });

  it('round trip of any valid scenario with variants', async () => {
    await fc.assert(
      fc.asyncProperty(variantsArb, async (v) => {
        const link = await encodeLink(v);
        expect(link).toMatch(/^#s=[A-Za-z0-9_-]+$/);
        expect(await decoded(link)).toStrictEqual(v);
      }),
      { numRuns: 200 },
    );
  });

  it('fields equal to their defaults are not carried', () => {
    const r = parseScenario({
      version: 2,
      battery: { capacity_kwh: 10, power_kw: 5, round_trip: 0.9 },
      add: [{ type: 'pv', id: 'P', kwp: 5, tilt: 20 }],
    });
    if (!r.ok) throw new Error('refused');
    expect(compactScenario(r.scenario)).toStrictEqual({
      version: 2,
      battery: { capacity_kwh: 10, power_kw: 5, round_trip: 0.9 },
      add: [{ type: 'pv', id: 'P', kwp: 5, tilt: 20 }],
    });
    expect(compactScenario(defaultScenario)).toStrictEqual({ version: 2 });
  });

  it('accepts the fragment without #, and a whole URL', async () => {
    const link = await encodeLink(typicalVariants());
    const expected = await decoded(link);
    expect(await decoded(link.slice(1))).toStrictEqual(expected);
    expect(await decoded(`https://klaster.example/app/?lang=pl${link}`)).toStrictEqual(expected);
  });

  it(`a typical scenario of ten overlays with three variants stays within 2,000 characters`, async () => {
    const v = typicalVariants();
    const link = await encodeLink(v);
    const json = JSON.stringify(v).length;
    console.log(`typical link: ${link.length} characters (JSON ${json} characters)`);
    expect(link.length).toBeLessThanOrEqual(2000);
    const back = await decoded(link);
    expect(back).toMatchObject(v);
    expect(back.variants).toHaveLength(3);
  });
});

describe('old links', () => {
  it('#v=1&w=15&k=static&b=500,250,0.9 opens as its version 2 equivalent', async () => {
    expect(await decoded('#v=1&w=15&k=static&b=500,250,0.9')).toStrictEqual({
      current: {
        ...defaultScenario,
        window_minutes: 15,
        key: 'static',
        battery: { capacity_kwh: 500, power_kw: 250, round_trip: 0.9, dispatch: 'self-consumption' },
      },
      variants: [],
    });
  });

  it('without a battery, and with defaults left out', async () => {
    expect(await decoded('#v=1&w=60&k=dynamic')).toStrictEqual({ current: defaultScenario, variants: [] });
    expect((await decoded('#v=1&w=30&k=priority')).current).toMatchObject({ window_minutes: 30, key: 'priority', battery: null });
    expect((await decoded('#v=1')).current).toStrictEqual(defaultScenario);
  });

  it('a damaged old link says what is wrong', async () => {
    expect(await refused('#v=1&w=17&k=dynamic')).toEqual([
      { path: 'windowMinutes', message: expect.stringMatching(/15, 30 or 60/) },
    ]);
    expect(await refused('#v=1&k=fair')).toEqual([{ path: 'key', message: expect.stringMatching(/unknown key "fair"/) }]);
    expect(await refused('#v=1&b=500,250')).toEqual([
      { path: 'battery', message: expect.stringMatching(/<kWh>,<kW>,<round-trip>/) },
    ]);
    expect((await refused('#v=1&b=500,x,2'))[0].path).toBe('battery.powerKw');
    expect(await refused('#v=9&w=60')).toEqual([
      { path: 'version', message: 'unknown version 9: this link was made by a newer Klaster' },
    ]);
  });
});

describe('garbage never throws', () => {
  it('no scenario in the fragment', async () => {
    for (const hash of ['', '#', '#/files', '#x=1&y=2', 'https://klaster.example/']) {
      expect(await refused(hash)).toEqual([{ path: '', message: 'the link holds no scenario (it has no #s=… part)' }]);
    }
  });

  it('random strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (s) => {
        const r = await decodeLink(s);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('random base64url after #s=', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/), async (s) => {
        await refused(`#s=${s}`);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes, deflated: valid deflate, not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await refused(LINK_PREFIX + base64url(await deflate(bytes)));
      }),
      { numRuns: 100 },
    );
  });

  it('every truncation of a real link', async () => {
    const link = await encodeLink(typicalVariants());
    for (let n = 0; n < link.length; n++) await refused(link.slice(0, n));
  });

  it('a link with one character changed never throws', async () => {
    const link = await encodeLink(typicalVariants());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: link.length - 1 }), fc.constantFrom(...'AZaz09-_'), async (at, c) => {
        const r = await decodeLink(link.slice(0, at) + c + link.slice(at + 1));
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('valid deflate of invalid JSON, of JSON that is no scenario, of invalid UTF-8', async () => {
    expect(await refused(await linkOf('{"current": {"version": 2'))).toEqual([
      { path: '', message: expect.stringMatching(/not JSON/) },
    ]);
    expect(await refused(await linkOf('[1,2,3]'))).toEqual([{ path: '', message: expect.stringMatching(/JSON object/) }]);
    expect(await refused(await linkOf('{"current":{"version":2,"add":[{"type":"pv","id":"a","kwp":-1}]}}'))).toEqual([
      { path: 'current.add[0].kwp', message: expect.stringMatching(/^must be a finite number > 0/) },
    ]);
    expect(await refused(await linkOf('{"current":{"version":3}}'))).toEqual([
      { path: 'current.version', message: 'unknown version 3: this link was made by a newer Klaster' },
    ]);
    const bad = LINK_PREFIX + base64url(await deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect((await refused(bad))[0].message).toMatch(/not JSON/);
  });

  it('junk after the compressed data, padding, and characters outside base64url', async () => {
    const link = await encodeLink(typicalVariants());
    // Node's DecompressionStream ignores bytes after the end of the deflate stream (browsers may
    // refuse them): either way nothing throws and nothing else is read.
    const junk = await decodeLink(`${link}AAAA`);
    expect(junk.ok ? junk.value : junk.problems.length).toStrictEqual(junk.ok ? await decoded(link) : 1);
    await refused(`${link.slice(0, 20)}+/${link.slice(22)}`);
    await refused('#s=A');
    await refused('#s=====');
  });

  it('a deflate bomb stops at 1 MB', async () => {
    const big = `{"current":{"version":2,"name":"${' '.repeat(2_000_000)}"}}`;
    const link = await linkOf(big);
    expect(link.length).toBeLessThan(5000);
    expect(await refused(link)).toEqual([{ path: '', message: expect.stringMatching(/more than 1 MB/) }]);
  });

  it('an absurdly long fragment is refused before decoding', async () => {
    expect((await refused(`#s=${'A'.repeat(200_000)}`))[0].message).toMatch(/too long/);
  });
});
