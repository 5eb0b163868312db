/**
 * Undo and redo of scenario edits. The history holds the states *before* each edit (and, after
 * an undo, the states to redo); the state on screen is always passed in, never remembered, so
 * that a scenario set from elsewhere (a link opened, a variant picked) is what an undo returns
 * from. Edits of one control in quick succession (a slider dragged, a number typed digit by
 * digit) are one step: they share a `group` and come less than `coalesceMs` apart.
 */
export interface HistoryOptions<T> {
  /** Most steps kept (the oldest are forgotten). */
  limit?: number;
  /** Edits of the same group closer together than this are one step, ms. */
  coalesceMs?: number;
  /** Whether two states are the same (an edit that changes nothing is not a step). */
  equals?: (a: T, b: T) => boolean;
}

interface Step<T> {
  state: T;
  group: string | undefined;
  at: number;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class ScenarioHistory<T> {
  private past: Step<T>[] = [];
  private future: T[] = [];
  /** After an undo or redo, the next edit starts a new step even within its group's time. */
  private sealed = false;
  private readonly limit: number;
  private readonly coalesceMs: number;
  private readonly equals: (a: T, b: T) => boolean;

  constructor(options: HistoryOptions<T> = {}) {
    this.limit = Math.max(1, options.limit ?? 100);
    this.coalesceMs = options.coalesceMs ?? 1000;
    this.equals = options.equals ?? sameJson;
  }

  /**
   * An edit from `before` to `after`. Returns whether it became a new step (false when it changed
   * nothing or joined the previous step of its group). Any redo is forgotten.
   */
  record(before: T, after: T, group?: string, now: number = Date.now()): boolean {
    if (this.equals(before, after)) return false;
    this.future = [];
    const last = this.past[this.past.length - 1];
    if (!this.sealed && group !== undefined && last && last.group === group && now - last.at <= this.coalesceMs) {
      last.at = now;
      return false;
    }
    this.sealed = false;
    this.past.push({ state: before, group, at: now });
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
    return true;
  }

  /** The state before the last step, given the one on screen (kept for redo); undefined if none. */
  undo(present: T): T | undefined {
    const step = this.past.pop();
    if (!step) return undefined;
    this.future.push(present);
    this.sealed = true;
    return step.state;
  }

  /** The state the last undo left, given the one on screen (kept for undo); undefined if none. */
  redo(present: T, now: number = Date.now()): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push({ state: present, group: undefined, at: now });
    this.sealed = true;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Steps that can be undone and redone. */
  get size(): { undo: number; redo: number } {
    return { undo: this.past.length, redo: this.future.length };
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.sealed = false;
  }
}
