/**
 * Plotly, loaded only when a chart is first drawn: it is the largest script on the page and the
 * KPIs must not wait for it. Registers a Polish locale (month and day names, number marks and the
 * toolbar's few buttons) so charts speak the page's language.
 */
export interface PlotlyApi {
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
  register(module: unknown): void;
  Plots: { resize(el: HTMLElement): void };
}

/** A drawn chart's element: Plotly adds an event emitter to it. */
export interface PlotlyElement extends HTMLElement {
  on(event: 'plotly_click', handler: (e: { points: { x: unknown; y: unknown }[] }) => void): void;
}

let loading: Promise<PlotlyApi> | null = null;

/** Only what helps on these charts: zoom, pan, back to the whole view, save as PNG. */
export const TOOLBAR = [['zoom2d', 'pan2d', 'resetScale2d', 'toImage']];

const POLISH = {
  moduleType: 'locale',
  name: 'pl',
  dictionary: {
    Zoom: 'Powiększ zaznaczenie',
    Pan: 'Przesuwaj',
    'Reset axes': 'Cały wykres',
    'Download plot as a PNG': 'Zapisz jako PNG',
    'Download plot': 'Zapisz wykres',
    'Double-click to zoom back out': 'Kliknij dwukrotnie, aby wrócić do całości',
    'Preparing image - this may take a few seconds': 'Przygotowuję obraz…',
    'Image download succeeded': 'Obraz zapisany',
    'Sorry, there was a problem downloading your image!': 'Nie udało się zapisać obrazu',
    Autoscale: 'Dopasuj skalę',
    'Zoom in': 'Przybliż',
    'Zoom out': 'Oddal',
  },
  format: {
    days: ['niedziela', 'poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota'],
    shortDays: ['nie', 'pon', 'wt', 'śr', 'czw', 'pt', 'sob'],
    months: [
      'styczeń',
      'luty',
      'marzec',
      'kwiecień',
      'maj',
      'czerwiec',
      'lipiec',
      'sierpień',
      'wrzesień',
      'październik',
      'listopad',
      'grudzień',
    ],
    shortMonths: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
    date: '%d.%m.%Y',
    decimal: ',',
    thousands: '\u00a0',
  },
};

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-dist-min').then((m) => {
    const plotly = m.default as unknown as PlotlyApi;
    plotly.register(POLISH);
    return plotly;
  });
  return loading;
}
