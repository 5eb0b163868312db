/**
 * Charts as images with Plotly's own export: `downloadImage` saves a drawn chart as PNG or SVG,
 * `toImage` gives a data URL for the printable report. The charts are the `[data-chart]` elements
 * Plot.svelte draws into; Plotly is already loaded once a chart is drawn.
 */
import { loadPlotly } from '../charts/plotly';

interface ImageOptions {
  format: 'png' | 'svg';
  width?: number;
  height?: number;
  scale?: number;
  filename?: string;
}

interface PlotlyImages {
  downloadImage(el: HTMLElement, opts: ImageOptions): Promise<string>;
  toImage(el: HTMLElement, opts: ImageOptions): Promise<string>;
}

async function images(): Promise<PlotlyImages> {
  return (await loadPlotly()) as unknown as PlotlyImages;
}

/** The page's drawn charts (not the report's images), by name. */
export function drawnCharts(root: ParentNode = document): { name: string; title: string; el: HTMLElement }[] {
  return [...root.querySelectorAll<HTMLElement>('[data-chart][data-drawn="true"]')]
    .filter((el) => !el.closest('[data-report]'))
    .map((el) => {
      const name = el.dataset.chart ?? 'chart';
      // The chart's title as the page shows it (Plot.svelte's figcaption).
      const title = el.closest('figure')?.querySelector('.title')?.textContent?.trim() || name;
      return { name, title, el };
    });
}

export async function downloadChart(el: HTMLElement, name: string, format: 'png' | 'svg'): Promise<void> {
  const p = await images();
  await p.downloadImage(el, {
    format,
    filename: `klaster-${name}`,
    width: el.clientWidth || 900,
    height: el.clientHeight || 400,
  });
}

/** A chart as a PNG data URL, at print size (about 17 cm wide at twice the screen density). */
export async function chartImage(el: HTMLElement, width = 900, height = 380): Promise<string> {
  const p = await images();
  return p.toImage(el, { format: 'png', width, height, scale: 2 });
}
