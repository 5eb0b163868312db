/**
 * Plotly, loaded only when a chart is first drawn: it is the largest script on the page and the
 * KPIs must not wait for it.
 */
export interface PlotlyApi {
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
  Plots: { resize(el: HTMLElement): void };
}

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-dist-min').then((m) => m.default as PlotlyApi);
  return loading;
}
