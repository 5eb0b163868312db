/**
 * A check's line in words, and its notes: one function for the rules panel and the printed
 * report, so the report prints what the panel shows.
 */
import type { RuleCheck } from '../scenario/rules';
import { t } from '../i18n/index.svelte';
import { number, percent } from './format';

export function ruleText(c: RuleCheck, year: number): { main: string; notes: string[] } {
  const notes: string[] = [];
  const say = (main: string) => ({ main, notes });
  if (c.reason === 'no-register') return say(t('rules.unknown'));
  switch (c.id) {
    case 'jst-member': {
      if (!c.pass) return say(t('rules.jst.none'));
      const k = c.kinds ?? { jst: 0, municipal: 0, parent: 0 };
      if (k.jst === 0) notes.push(t('rules.jst.seat'));
      return say(t('rules.jst.detail', { jst: k.jst, municipal: k.municipal, parent: k.parent }));
    }
    case 'area': {
      if (c.withoutPlace) notes.push(t('rules.area.withoutPlace', { n: c.withoutPlace }));
      const v = { gminy: c.gminy ?? 0, powiaty: c.powiaty ?? 0, max: c.threshold, powiat: c.powiat ?? '' };
      if (c.reason === 'no-powiat') return say(t('rules.area.noPowiat', v));
      if (c.status === 'unknown') return say(t('rules.area.noPlace'));
      if (c.form === 'powiat') return say(t('rules.area.powiat', v));
      if (c.form === 'gminy') {
        notes.unshift(t('rules.area.neighbours'));
        return say(t('rules.area.gminy', v));
      }
      return say(t('rules.area.fail', v));
    }
    case 'one-dso': {
      if (c.status === 'unknown') return say(t('rules.dso.unknown'));
      if (c.withoutDso) notes.push(t('rules.dso.without', { n: c.withoutDso }));
      const list = c.dsos ?? [];
      return say(
        c.status === 'warn' ? t('rules.dso.mixed', { list: list.join(', ') }) : t('rules.dso.one', { dso: list[0] ?? '' }),
      );
    }
    case 'res-share':
      if (c.reason === 'no-generation') return say(t('rules.res.noGeneration'));
      return say(t('rules.res.detail', { v: percent(c.value), min: percent(c.threshold, 0), year: String(c.year ?? year) }));
    case 'discount-tier':
      return say(
        c.pass
          ? t('rules.discount.pass', { v: percent(c.value), d: percent(c.tier ?? 0, 0) })
          : t('rules.discount.none', { v: percent(c.value), min: percent(c.threshold, 0) }),
      );
    case 'capacity-coverage':
      if (c.reason === 'no-consumption') return say(t('rules.capacity.noConsumption'));
      return say(t('rules.capacity.detail', { v: percent(c.value), min: percent(c.threshold, 0) }));
    case 'max-capacity':
      return say(t('rules.maxCapacity.detail', { v: number(c.value, 2), max: number(c.threshold, c.threshold % 1 ? 2 : 0) }));
    case 'min-storage':
      if (c.reason === 'no-capacity') return say(t('rules.storage.noCapacity'));
      if (c.reason === 'no-storage') return say(t('rules.storage.none'));
      return say(
        t('rules.storage.detail', { kw: number(c.storageKw ?? 0, 0), v: percent(c.value), min: percent(c.threshold, 1) }),
      );
  }
  return say('');
}
