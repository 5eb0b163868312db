/** Problems and scenario changes in the page's language. */
import { t } from '../../i18n/index.svelte';
import type { MessageKey } from '../../i18n/pl';
import type { Problem } from '../../scenario/schema';
import { number, percent } from '../format';
import type { Change } from './edit';
import { problemMessage } from './problems';

const shownNumber = (x: number) => number(x, Number.isInteger(x) ? 0 : 2);

/**
 * A schema problem as the page says it; its field is named when it is not the one edited
 * (`origin`).
 */
export function problemText(p: Problem, origin?: string): string {
  const m = problemMessage(p.message);
  const text = m
    ? t(
        m.key as MessageKey,
        Object.fromEntries(
          Object.entries(m.values).map(([k, v]) => [
            k,
            typeof v !== 'number' ? v : m.key === 'problem.shares' ? percent(v, 1) : shownNumber(v),
          ]),
        ),
      )
    : p.message;
  // The field is named when the problem is about another part of the scenario than the one edited.
  const root = (path: string) => path.split(/[.[:]/)[0];
  const elsewhere =
    origin === undefined ||
    root(p.path) !== root(origin) ||
    (p.path.startsWith('add[') && !origin.startsWith(p.path.replace(/\..*$/, '')));
  return p.path && elsewhere ? `${p.path}: ${text}` : text;
}

/** Power as people say it: 500 kW, 2 MW, 1,5 MW. */
export function power(kw: number, peak = false): string {
  const p = peak ? 'p' : '';
  return kw >= 1000 ? `${number(kw / 1000, kw % 1000 === 0 ? 0 : 1)} MW${p}` : `${number(kw)} kW${p}`;
}

export function energyShort(kwh: number): string {
  return kwh >= 1000 ? `${number(kwh / 1000, kwh % 1000 === 0 ? 0 : 1)} MWh` : `${number(kwh)} kWh`;
}

/** "PV 2 MWp", "10 × H25", "magazyn 1 MWh", … */
export function changeText(c: Change): string {
  switch (c.kind) {
    case 'pv':
      return `PV ${power(c.kw, true)}`;
    case 'wind':
      return t('change.wind', { p: power(c.kw) });
    case 'biogas':
      return t('change.biogas', { p: power(c.kw) });
    case 'profile':
      return t('change.profile', { file: c.file });
    case 'consumer':
      return c.count > 1 ? `${number(c.count)} × ${c.profile}` : c.profile;
    case 'battery':
      return t('change.battery', { e: energyShort(c.kwh) });
    case 'exclude':
      return t('change.exclude', { n: c.count });
    case 'scale':
      return t('change.scale', { n: c.count });
    case 'behind-meter':
      return t('change.behindMeter', { n: c.count });
  }
}
