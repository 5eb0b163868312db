/**
 * The schema's problems (scenario/schema.ts, plain English) as messages of the page's catalogue,
 * so that a problem shown next to a field speaks the page's language. A message this does not
 * know is shown as the schema wrote it.
 */
export interface ProblemMessage {
  /** A catalogue key under `problem.` (see i18n/pl.ts). */
  key: string;
  /** Values for its placeholders; numbers as numbers (the page formats them). */
  values: Record<string, string | number>;
}

const n = (s: string) => Number(s.replace(/,/g, ''));

const PATTERNS: [RegExp, (m: RegExpMatchArray) => ProblemMessage][] = [
  [/^must be a finite number > 0 and at most ([\d,.]+)/, (m) => ({ key: 'problem.positive', values: { max: n(m[1]!) } })],
  [/^must be a finite number from 0 to below 1/, () => ({ key: 'problem.belowOne', values: {} })],
  [
    /^must be a finite number from (-?[\d,.]+) to (-?[\d,.]+)/,
    (m) => ({ key: 'problem.between', values: { min: n(m[1]!), max: n(m[2]!) } }),
  ],
  [
    /^must be a whole number from (-?[\d,.]+) to (-?[\d,.]+)/,
    (m) => ({ key: 'problem.whole', values: { min: n(m[1]!), max: n(m[2]!) } }),
  ],
  [/^add up to ([\d,.]+); they must add up to at most 1/, (m) => ({ key: 'problem.shares', values: { total: n(m[1]!) } })],
  [/^"(.*)" is listed twice/, (m) => ({ key: 'problem.twice', values: { id: m[1]! } })],
  [/clash(?:es)? with add\[(\d+)\]/, (m) => ({ key: 'problem.idClash', values: { other: n(m[1]!) + 1 } })],
  [/^"(.*)" is excluded; a generator cannot sit behind/, (m) => ({ key: 'problem.behindExcluded', values: { id: m[1]! } })],
  [/^must be at most capacity_kwh \(([\d,.]+)\)/, (m) => ({ key: 'problem.socMax', values: { max: n(m[1]!) } })],
  [/^must be below (?:capacity_kwh|soc_max_kwh) \(([\d,.]+)\)/, (m) => ({ key: 'problem.socMin', values: { max: n(m[1]!) } })],
  [/^is required with dispatch "peak-shaving"/, () => ({ key: 'problem.importLimit', values: {} })],
  [/^no member (.*) in the loaded data/, (m) => ({ key: 'problem.noMember', values: { id: m[1]! } })],
  [/^(.*) is already a member in the loaded data/, (m) => ({ key: 'problem.idTaken', values: { id: m[1]! } })],
  [/^must be 1 to 64 characters without commas/, () => ({ key: 'problem.id', values: {} })],
  [/^must be at most 100 characters/, () => ({ key: 'problem.name', values: {} })],
];

/** The catalogue message for a schema problem's message, or null when it is not one of these. */
export function problemMessage(message: string): ProblemMessage | null {
  for (const [re, make] of PATTERNS) {
    const m = message.match(re);
    if (m) return make(m);
  }
  return null;
}
