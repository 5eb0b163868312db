/**
 * The one palette every chart draws with, safe for colour-blind readers: Okabe–Ito hues for the
 * series (told apart also by dash or marker, never by hue alone), cividis for sequential heatmaps
 * (perceptually uniform, legible with any colour vision deficiency) and ColorBrewer's PuOr for
 * diverging ones (orange below zero, purple above). Line colours keep ≥ 3:1 against the white
 * chart background (WCAG 1.4.11), so Okabe–Ito's light orange, sky blue and yellow are not used
 * for lines; text on a scale's colour takes black or white, whichever contrasts more.
 */

/** Okabe & Ito (2008), "Color Universal Design": the hues this page uses. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** What each kind of series is drawn with, on every chart (a baseline keeps its series' hue, dotted). */
export const SERIES = {
  consumption: { color: OKABE_ITO.blue, dash: 'solid' },
  generation: { color: OKABE_ITO.vermillion, dash: 'solid' },
  shared: { color: OKABE_ITO.bluishGreen, dash: 'solid', fill: 'rgba(0,158,115,0.30)' },
  /** The residual load of the scenario and, dashed, of the baseline. */
  residual: { color: OKABE_ITO.blue, dash: 'solid', fill: 'rgba(0,114,178,0.12)' },
  residualBaseline: { color: OKABE_ITO.black, dash: 'dash' },
  /** Days with filled (not measured) data: triangles along the axis. */
  filled: { color: OKABE_ITO.black, symbol: 'triangle-up' },
  /** The cell a sweep's scenario stands for: an open ring. */
  picked: { color: OKABE_ITO.vermillion, symbol: 'circle-open' },
} as const;

/** Grid lines and the zero line: quiet, but the zero line still visible. */
export const GRID = '#e4e8ea';
export const ZERO_LINE = '#6b7b82';

/** A Plotly colour scale: stops from 0 to 1. */
export type Scale = readonly (readonly [number, string])[];

/** Cividis (Nuñez, Anderton & Renslow 2018), as Plotly ships it. */
export const SEQUENTIAL: Scale = [
  [0, 'rgb(0,32,76)'],
  [0.058824, 'rgb(0,42,102)'],
  [0.117647, 'rgb(0,52,110)'],
  [0.176471, 'rgb(39,63,108)'],
  [0.235294, 'rgb(60,74,107)'],
  [0.294118, 'rgb(76,85,107)'],
  [0.352941, 'rgb(91,95,109)'],
  [0.411765, 'rgb(104,106,112)'],
  [0.470588, 'rgb(117,117,117)'],
  [0.529412, 'rgb(131,129,120)'],
  [0.588235, 'rgb(146,140,120)'],
  [0.647059, 'rgb(161,152,118)'],
  [0.705882, 'rgb(176,165,114)'],
  [0.764706, 'rgb(192,177,109)'],
  [0.823529, 'rgb(209,191,102)'],
  [0.882353, 'rgb(225,204,92)'],
  [0.941176, 'rgb(243,219,79)'],
  [1, 'rgb(255,233,69)'],
];

/** ColorBrewer PuOr (5 classes), orange for the low end: for values either side of zero. */
export const DIVERGING: Scale = [
  [0, '#e66101'],
  [0.25, '#fdb863'],
  [0.5, '#f7f7f7'],
  [0.75, '#b2abd2'],
  [1, '#5e3c99'],
];

type Rgb = [number, number, number];

/** '#rrggbb' or 'rgb(r,g,b)' as three 0..255 numbers. */
export function parseColor(color: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour this palette reads: ${color}`);
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour of a scale at t (0..1, clamped), interpolated between its stops in sRGB. */
export function colorAt(scale: Scale, t: number): string {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  let k = 1;
  while (k < scale.length - 1 && scale[k]![0] < x) k++;
  const [x0, c0] = scale[k - 1]!;
  const [x1, c1] = scale[k]!;
  const f = x1 > x0 ? (x - x0) / (x1 - x0) : 0;
  const a = parseColor(c0);
  const b = parseColor(c1);
  const mix = a.map((v, i) => Math.round(v + (b[i]! - v) * f));
  return `rgb(${mix.join(',')})`;
}

/** Black or white text on `background`, whichever contrasts more (always ≥ 4.5:1 on these scales). */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrast('#000000', background) >= contrast('#ffffff', background) ? '#000000' : '#ffffff';
}
