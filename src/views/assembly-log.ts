/**
 * What assembling the cluster did, in sentences of the page's language, built from the report's
 * fields (AssemblyReport in ingest/assemble.ts) rather than its English `messages`.
 */
import type { AssemblyReport } from '../ingest/assemble';
import { t } from '../i18n/index.svelte';
import { dateTime } from './format';

/** Two files holding the same meter's readings for the same intervals (newer reports list them). */
interface OverlapLike {
  id: string;
  kept: string;
  replaced: string;
  intervals: number;
  differing: number;
}

/** `info`: what the cluster is; `notes`: what had to be filled, summed, split or matched. */
export function assemblyLog(report: AssemblyReport): { info: string[]; notes: string[] } {
  const info = [
    t('assembly.grid', {
      members: report.members.length,
      n: report.intervals,
      step: report.stepMinutes,
      from: dateTime(report.startUtcMs),
      to: dateTime(report.endUtcMs),
    }),
  ];
  const notes: string[] = [];
  if (report.aggregatedTo60.length > 0) info.push(t('assembly.aggregated', { n: report.aggregatedTo60.length }));
  if (report.derived.length > 0) notes.push(t('assembly.derived', { n: report.derived.length, ids: report.derived.join(', ') }));
  const metered = report.members.filter((m) => m.generationKwh > 0).length;
  if (metered > 0) info.push(t('assembly.gross', { n: metered }));
  for (const m of report.members) {
    if (m.missingIntervals > 0) {
      const first = m.gaps[0];
      notes.push(
        first
          ? t('assembly.missingFrom', { id: m.id, n: m.missingIntervals, at: dateTime(first.startUtcMs) })
          : t('assembly.missing', { id: m.id, n: m.missingIntervals }),
      );
    }
    if (m.partialIntervals > 0) notes.push(t('assembly.partial', { id: m.id, n: m.partialIntervals }));
  }
  const overlaps = (report as { overlaps?: OverlapLike[] }).overlaps;
  if (overlaps) {
    for (const o of overlaps) {
      notes.push(
        o.differing > 0
          ? t('assembly.overlapDiffer', { id: o.id, n: o.intervals, a: o.replaced, b: o.kept, d: o.differing })
          : t('assembly.overlapSame', { id: o.id, n: o.intervals, a: o.replaced, b: o.kept }),
      );
    }
  } else {
    for (const m of report.members) {
      if (m.overlappingIntervals > 0) notes.push(t('assembly.overlapSummed', { id: m.id, n: m.overlappingIntervals }));
    }
  }
  if (report.registerWithoutData.length > 0)
    notes.push(t('assembly.registerOnly', { n: report.registerWithoutData.length, ids: report.registerWithoutData.join(', ') }));
  if (report.dataWithoutRegister.length > 0)
    notes.push(t('assembly.dataOnly', { n: report.dataWithoutRegister.length, ids: report.dataWithoutRegister.join(', ') }));
  return { info, notes };
}
