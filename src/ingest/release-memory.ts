/**
 * Frees a typed array's memory now, not at some later garbage collection: its buffer is detached
 * (ArrayBuffer.prototype.transfer) and every view of it reads as empty from then on. For large
 * arrays that nothing else holds, where the peak of an import is decided by what is alive at once.
 * Only a buffer made in this thread or copied into it is freed so; one moved here in a message
 * is only detached (measured in Chromium). Where the runtime lacks transfer (Node 20), the
 * collector frees it as before; a buffer already detached (moved away) is left as it is.
 */
export function releaseMemory(a: Int32Array | Uint8Array | Float64Array): void {
  const buffer = a.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean };
  if (typeof buffer.transfer === 'function' && !buffer.detached) buffer.transfer(0);
}
