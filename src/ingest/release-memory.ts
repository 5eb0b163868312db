/**
 * Frees a typed array's memory now, not at some later garbage collection: its buffer is detached
 * (ArrayBuffer.prototype.transfer) and every view of it reads as empty from then on. For large
 * arrays that nothing else holds, where the peak of an import is decided by what is alive at once.
 * Where the runtime lacks transfer (Node 20), the collector frees it as before.
 */
export function releaseMemory(a: Int32Array | Uint8Array | Float64Array): void {
  const buffer = a.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (typeof buffer.transfer === 'function') buffer.transfer(0);
}
