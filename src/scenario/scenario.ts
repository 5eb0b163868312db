/**
 * A scenario is what the user chose, small enough to live in the page's URL: send the link and
 * the board sees the same thing (the link carries settings, never meter data).
 */
import type { AllocationKey, BalanceSettings } from '../engine/types';

export interface Scenario {
  version: 1;
  windowMinutes: 15 | 30 | 60;
  key: AllocationKey;
  battery: { capacityKwh: number; powerKw: number; roundTrip: number } | null;
}

/** The statute settles hourly (CLUSTERS.md §2), so 60 minutes and the dynamic key by default. */
export const defaultScenario: Scenario = { version: 1, windowMinutes: 60, key: 'dynamic', battery: null };

const KEYS: AllocationKey[] = ['dynamic', 'static', 'hybrid', 'priority'];

/** `#v=1&w=60&k=dynamic&b=500,250,0.9`; anything unreadable falls back to the default. */
export function scenarioToHash(s: Scenario): string {
  const parts = [`v=${s.version}`, `w=${s.windowMinutes}`, `k=${s.key}`];
  if (s.battery) parts.push(`b=${s.battery.capacityKwh},${s.battery.powerKw},${s.battery.roundTrip}`);
  return `#${parts.join('&')}`;
}

export function scenarioFromHash(hash: string): Scenario {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: Scenario = { ...defaultScenario };
  const w = Number(p.get('w'));
  if (w === 15 || w === 30 || w === 60) s.windowMinutes = w;
  const k = p.get('k') as AllocationKey | null;
  if (k && KEYS.includes(k)) s.key = k;
  const b = p.get('b')?.split(',').map(Number);
  if (b && b.length === 3 && b[0] > 0 && b[1] > 0 && b[2] > 0 && b[2] <= 1) {
    s.battery = { capacityKwh: b[0], powerKw: b[1], roundTrip: b[2] };
  }
  return s;
}

/** The engine settings a scenario asks for on data of the given resolution. */
export function balanceSettings(s: Scenario, stepMinutes: number): BalanceSettings {
  return {
    windowMinutes: Math.max(s.windowMinutes, stepMinutes),
    key: s.key,
    battery: s.battery,
  };
}
