/** Registration and support checks (CLUSTERS.md §2). */
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/ingest/cluster-data';
import type { Kpis } from '../../src/engine/types';
import { checkRules, resThreshold } from '../../src/scenario/rules';

const member = (type: string, gmina: string): Member => ({
  id: `${type}-${gmina}`,
  name: '',
  type,
  tariff: '',
  gmina,
  pvKwp: 0,
  windKw: 0,
  biogasKw: 0,
});
const kpis = (k: Partial<Kpis>): Kpis =>
  ({ consumption_kwh: 100, generation_kwh: 50, self_sufficiency: 0.5, matched_share: 0.5, res_generation_share: 0.4, ...k }) as Kpis;

const byId = (checks: ReturnType<typeof checkRules>) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe('cluster rules', () => {
  it('needs a JST member and at most five gminy', () => {
    const ok = byId(checkRules(kpis({}), [member('jst', 'Staszów'), member('household', 'Osiek')], 2026));
    expect(ok['jst-member'].pass).toBe(true);
    expect(ok.area.pass).toBe(true);
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((g) => member('business', g));
    const bad = byId(checkRules(kpis({}), six, 2026));
    expect(bad['jst-member'].pass).toBe(false);
    expect(bad.area).toMatchObject({ pass: false, value: 6 });
  });

  it('raises the renewable threshold from 30 % to 50 % in 2027', () => {
    expect(resThreshold(2026)).toBe(0.3);
    expect(resThreshold(2027)).toBe(0.5);
    expect(byId(checkRules(kpis({ res_generation_share: 0.4 }), [member('jst', 'S')], 2026))['res-share'].pass).toBe(true);
    expect(byId(checkRules(kpis({ res_generation_share: 0.4 }), [member('jst', 'S')], 2027))['res-share'].pass).toBe(false);
  });

  it.each([
    [0.6, 0],
    [0.61, 0.05],
    [0.75, 0.1],
    [0.85, 0.15],
    [0.95, 0.2],
  ])('matched share %f gives a %f discount', (share, discount) => {
    const c = byId(checkRules(kpis({ matched_share: share }), [], 2026))['discount-tier'];
    expect(c.tier).toBe(discount);
    expect(c.pass).toBe(discount > 0);
    // Below the first rung: no discount, never "not met".
    expect(c.status).toBe(discount > 0 ? 'pass' : 'none');
  });

  it('measures the discount on the matched share before storage, not self-sufficiency with discharge', () => {
    const c = byId(checkRules(kpis({ self_sufficiency: 0.95, matched_share: 0.55 }), [], 2026))['discount-tier'];
    expect(c.value).toBe(0.55);
    expect(c.tier).toBe(0);
  });

  it('says "unknown" instead of failing when no member register is loaded', () => {
    const unregistered = [{ ...member('other', ''), registered: false }, { ...member('other', ''), registered: false }];
    const checks = byId(checkRules(kpis({ res_generation_share: 0 }), unregistered, 2026));
    expect(checks['jst-member'].status).toBe('unknown');
    expect(checks.area.status).toBe('unknown');
    expect(checks['res-share'].status).toBe('unknown');
    expect(checks['jst-member'].pass).toBe(false);
  });
});
