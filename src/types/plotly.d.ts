// plotly.js-dist-min ships no types; src/views/charts/plotly.ts names the part the views use.
declare module 'plotly.js-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
