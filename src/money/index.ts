/**
 * Money and carbon (CLUSTERS.md §5, issue 9): tariffs as data, the window calendar, members'
 * bills with and without the cluster, export prices (RCEm, PSE's RCE CSV), investments, CO₂, and
 * the scenario's `money` object. Pure functions over plain arrays: the engine supplies per-window
 * flows (its WindowView, see flowsFromEngine), the page and the CLI the prices.
 */
export * from './tariffs';
export * from './calendar';
export * from './bills';
export * from './export-price';
export * from './investment';
export * from './co2';
export * from './support';
export * from './schema';
