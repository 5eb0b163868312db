/** Undo/redo of scenario edits (src/views/scenario/history.ts). */
import { describe, expect, it } from 'vitest';
import { ScenarioHistory } from '../../src/views/scenario/history';

/** Applies edits like the page does: each from the state on screen to the next. */
function editor(start: number, options = {}) {
  const h = new ScenarioHistory<number>(options);
  let shown = start;
  let clock = 0;
  return {
    h,
    get shown() {
      return shown;
    },
    edit(to: number, group?: string, after = 5000) {
      clock += after;
      h.record(shown, to, group, clock);
      shown = to;
    },
    undo() {
      const s = h.undo(shown);
      if (s !== undefined) shown = s;
      return s;
    },
    redo() {
      clock += 10;
      const s = h.redo(shown, clock);
      if (s !== undefined) shown = s;
      return s;
    },
  };
}

describe('scenario history', () => {
  it('undoes and redoes edits in order', () => {
    const e = editor(0);
    e.edit(1);
    e.edit(2);
    e.edit(3);
    expect(e.undo()).toBe(2);
    expect(e.undo()).toBe(1);
    expect(e.redo()).toBe(2);
    expect(e.redo()).toBe(3);
    expect(e.redo()).toBeUndefined();
    expect(e.shown).toBe(3);
    expect(e.undo()).toBe(2);
    expect(e.undo()).toBe(1);
    expect(e.undo()).toBe(0);
    expect(e.undo()).toBeUndefined();
    expect(e.h.canUndo).toBe(false);
    expect(e.h.canRedo).toBe(true);
  });

  it('forgets the redo branch on a new edit', () => {
    const e = editor(0);
    e.edit(1);
    e.edit(2);
    e.undo();
    expect(e.h.canRedo).toBe(true);
    e.edit(7);
    expect(e.h.canRedo).toBe(false);
    expect(e.undo()).toBe(1);
    expect(e.undo()).toBe(0);
  });

  it('makes one step of a slider dragged (same group, quick succession)', () => {
    const e = editor(100);
    for (let v = 110; v <= 200; v += 10) e.edit(v, 'battery.capacity', 50);
    expect(e.h.size).toEqual({ undo: 1, redo: 0 });
    expect(e.undo()).toBe(100);
    expect(e.redo()).toBe(200);
  });

  it('starts a new step after a pause, in another group, or after an undo', () => {
    const e = editor(0);
    e.edit(1, 'a', 50);
    e.edit(2, 'a', 50);
    e.edit(3, 'a', 2000); // a pause: a new step
    e.edit(4, 'b', 50); // another control: a new step
    expect(e.h.size.undo).toBe(3);
    expect(e.undo()).toBe(3);
    e.edit(5, 'b', 10); // after an undo the group does not join the earlier step
    expect(e.undo()).toBe(3);
    expect(e.undo()).toBe(2);
  });

  it('ignores an edit that changes nothing (structural equality by default)', () => {
    const h = new ScenarioHistory<{ a: number[] }>();
    expect(h.record({ a: [1] }, { a: [1] })).toBe(false);
    expect(h.canUndo).toBe(false);
    expect(h.record({ a: [1] }, { a: [2] })).toBe(true);
    expect(h.undo({ a: [2] })).toEqual({ a: [1] });
  });

  it('returns from the state on screen, even when it was set from elsewhere', () => {
    const e = editor(0);
    e.edit(1);
    // A link opened or a variant picked sets 9 without an edit: undo goes back to 1, redo to 9.
    const undone = e.h.undo(9);
    expect(undone).toBe(0);
    expect(e.h.redo(0)).toBe(9);
  });

  it('keeps at most `limit` steps', () => {
    const e = editor(0, { limit: 3 });
    for (let v = 1; v <= 10; v++) e.edit(v);
    expect(e.h.size.undo).toBe(3);
    expect(e.undo()).toBe(9);
    expect(e.undo()).toBe(8);
    expect(e.undo()).toBe(7);
    expect(e.undo()).toBeUndefined();
  });

  it('clears', () => {
    const e = editor(0);
    e.edit(1);
    e.undo();
    e.h.clear();
    expect(e.h.canUndo || e.h.canRedo).toBe(false);
  });
});
