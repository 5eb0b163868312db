/**
 * The page's requests to the engine and which answer is shown. Answers can arrive out of order
 * (a slider moved while files load): newer data beat older data, and for the same data a later
 * request beats an earlier one, so that neither new files nor new settings are hidden by a stale
 * answer.
 */
import type { EngineClient } from '../engine/client';
import type { FileRead, ViewResult } from '../engine/protocol';
import type { Scenario } from '../scenario/model';
import type { GapFillMethod } from '../ingest/gap-fill';
import type { ParseOverrides } from '../ingest/overrides';
import type { Period } from '../ingest/period';

export type Request =
  /** `quick`: the KPIs first (ViewResult.partial), for the page's first answer. */
  | { kind: 'demo'; quick?: boolean }
  | { kind: 'compute' }
  | { kind: 'restore' }
  | { kind: 'clear' }
  | { kind: 'files'; files: File[] }
  /** Opens a project file in place of what is loaded. */
  | { kind: 'project'; file: File }
  | { kind: 'reread'; index: number; overrides: ParseOverrides }
  | { kind: 'remove'; index: number }
  | { kind: 'gap-fill'; method: GapFillMethod }
  | { kind: 'quarter-hours'; on: boolean }
  | { kind: 'period'; period: Period | null }
  | { kind: 'prefer'; index: number };

/** Sends one request; `progress` hears the bytes read while files load. */
export function send(
  engine: EngineClient,
  req: Request,
  scenario: Scenario,
  siteRoot: string,
  progress: (done: number, total: number, file?: FileRead) => void,
): Promise<ViewResult> {
  switch (req.kind) {
    case 'demo':
      return engine.openDemo(scenario, siteRoot, req.quick);
    case 'files':
      return engine.addFiles(req.files, scenario, progress);
    case 'restore':
      return engine.restore(scenario, progress);
    case 'project':
      return engine.openProject(req.file, scenario, progress);
    case 'clear':
      return engine.clear(scenario, siteRoot);
    case 'reread':
      return engine.reread(req.index, req.overrides, scenario);
    case 'remove':
      return engine.removeFile(req.index, scenario);
    case 'gap-fill':
      return engine.gapFill(req.method, scenario);
    case 'quarter-hours':
      return engine.quarterHours(req.on, scenario);
    case 'period':
      return engine.setPeriod(req.period, scenario);
    case 'prefer':
      return engine.prefer(req.index, scenario);
    case 'compute':
      return engine.compute(scenario);
  }
}

/** Decides which answer is on screen; counts requests in flight for the "computing" status. */
export class AnswerGate<R extends { dataVersion: number }> {
  private latest = 0;
  private shownTicket = 0;
  private shown: R | null = null;
  inFlight = 0;

  /** A ticket for a request about to be sent. */
  begin(): number {
    this.inFlight++;
    return ++this.latest;
  }

  /** The request with `ticket` was answered or failed. */
  end(): void {
    this.inFlight--;
  }

  /** Whether `ticket` is the newest request sent (an error of an older one is not shown). */
  isLatest(ticket: number): boolean {
    return ticket === this.latest;
  }

  /** Whether the answer to `ticket` replaces what is on screen; if so it is now shown. */
  accept(answer: R, ticket: number): boolean {
    const current = this.shown;
    if (
      current &&
      (answer.dataVersion < current.dataVersion || (answer.dataVersion === current.dataVersion && ticket < this.shownTicket))
    )
      return false;
    this.shown = answer;
    this.shownTicket = ticket;
    return true;
  }
}
