/**
 * The compiled kernels (assembly/index.ts) as a typed object. Pointers are byte offsets into
 * `memory`; see assembly/index.ts for what each kernel computes.
 */
export interface Kernels {
  memory: WebAssembly.Memory;
  reserve(bytes: number): number;
  zero(dst: number, n: number): void;
  windowSums(src: number, dst: number, acc: number, totals: number, rows: number, n: number, factor: number): void;
  columnSums(src: number, acc: number, rows: number, n: number): void;
  rowSums(src: number, out: number, rows: number, n: number): void;
  sum(x: number, n: number): number;
  maximum(x: number, n: number): number;
  dot(x: number, y: number, n: number): number;
  rowDots(src: number, weight: number, out: number, rows: number, n: number): void;
  ratio(num: number, den: number, out: number, n: number): void;
  sharedMin(si: number, se: number, s: number, n: number): void;
  allocateStatic(
    imp: number,
    se: number,
    shares: number,
    hybrid: number,
    boost: number,
    s: number,
    out: number,
    rows: number,
    n: number,
    cells: number,
  ): void;
  scaleRows(src: number, weight: number, out: number, rows: number, n: number): void;
  hybridFactor(si: number, se: number, sStatic: number, h: number, n: number): void;
  allocatePriority(
    imp: number,
    order: number,
    remaining: number,
    boost: number,
    s: number,
    out: number,
    count: number,
    n: number,
    cells: number,
  ): void;
  storageDispatch(
    si: number,
    se: number,
    s: number,
    charge: number,
    discharge: number,
    soc: number,
    q: number,
    n: number,
    socMin: number,
    socMax: number,
    chargeLimit: number,
    dischargeLimit: number,
    eta: number,
    keep: number,
  ): number;
  settle(
    si: number,
    se: number,
    s: number,
    charge: number,
    discharge: number,
    shared: number,
    gridImport: number,
    gridExport: number,
    n: number,
  ): void;
  dynamicWeight(f: number, q: number, out: number, n: number): void;
  behindMeterBattery(
    imp: number,
    exp: number,
    outImp: number,
    outExp: number,
    n: number,
    socMin: number,
    socMax: number,
    chargeLimit: number,
    dischargeLimit: number,
    eta: number,
    flows: number,
  ): number;
  // Statistics (assembly/stats.ts).
  sortDescending(src: number, dst: number, n: number, scratch: number): void;
  monthHourMatrix(series: number, n: number, monthOf: number, hourOf: number, sumsOut: number, countsOut: number): void;
  histogram(series: number, n: number, lo: number, hi: number, bins: number, countsOut: number): void;
  minMaxSum(series: number, n: number, out3: number): void;
  downsampleM4(series: number, n: number, buckets: number, out: number): void;
}

/** An instance of the kernels, from their bytes or (compiled once for several instances) their module. */
export async function instantiateKernels(wasm: BufferSource | WebAssembly.Module): Promise<Kernels> {
  const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort() {
        throw new Error('kernel aborted');
      },
    },
  });
  return instance.exports as unknown as Kernels;
}
