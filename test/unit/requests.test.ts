/** Which engine answer the page shows when answers arrive out of order. */
import { describe, expect, it } from 'vitest';
import { AnswerGate } from '../../src/views/requests';

const answer = (dataVersion: number, tag: string) => ({ dataVersion, tag });

describe('AnswerGate', () => {
  it('shows a later request over an earlier one for the same data', () => {
    const gate = new AnswerGate<ReturnType<typeof answer>>();
    const first = gate.begin();
    const second = gate.begin();
    expect(gate.accept(answer(1, 'second'), second)).toBe(true);
    expect(gate.accept(answer(1, 'first'), first)).toBe(false);
  });

  it('never lets an answer on older data hide newer data (a slider moved while files load)', () => {
    const gate = new AnswerGate<ReturnType<typeof answer>>();
    const files = gate.begin();
    const slider = gate.begin();
    expect(gate.accept(answer(2, 'files'), files)).toBe(true);
    // The slider's answer was computed on the old data: it must not replace the new files.
    expect(gate.accept(answer(1, 'slider'), slider)).toBe(false);
  });

  it('counts requests in flight and knows the newest', () => {
    const gate = new AnswerGate<ReturnType<typeof answer>>();
    const a = gate.begin();
    const b = gate.begin();
    expect(gate.inFlight).toBe(2);
    expect(gate.isLatest(a)).toBe(false);
    expect(gate.isLatest(b)).toBe(true);
    gate.end();
    gate.end();
    expect(gate.inFlight).toBe(0);
  });
});
