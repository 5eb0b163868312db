/**
 * How much cluster data the engine can hold. The kernels address 32-bit WebAssembly memory
 * (4 GiB, the most browsers give): the import and export matrices, 8 bytes a value, plus a
 * compute's scratch must fit. Checked before anything that size is allocated, so that a
 * too-large cluster is refused with a clear message instead of failing halfway.
 */

/** Bytes the kernels can address: 4 GiB less the kernels' own first page. */
export const KERNEL_MEMORY_BYTES = 2 ** 32 - 2 ** 16;

/** Bytes a loaded cluster takes in kernel memory (import and export, float64). */
export function clusterBytes(members: number, intervals: number): number {
  return 2 * 8 * members * intervals;
}

/** Why `members` × `intervals` (or `bytes` of work on them) cannot be held, or null. */
export function capacityProblem(members: number, intervals: number, bytes = clusterBytes(members, intervals)): string | null {
  if (bytes <= KERNEL_MEMORY_BYTES) return null;
  const gb = (x: number) => (x / 2 ** 30).toFixed(1);
  // A compute needs about 1.6× the input at hourly windows: the most a 15-minute year can have.
  const yearMembers = Math.floor(KERNEL_MEMORY_BYTES / (clusterBytes(1, 35_040) * 1.6));
  return (
    `${members} members × ${intervals} intervals need ${gb(bytes)} GB of engine memory; it holds at most ` +
    `${gb(KERNEL_MEMORY_BYTES)} GB (about ${yearMembers} members of a 15-minute year): ` +
    'load fewer members, a shorter period, or hourly data'
  );
}
