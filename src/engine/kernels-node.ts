/** The compiled kernels in Node: the same kernels.wasm the site ships. */
import { readFile } from 'node:fs/promises';
import { instantiateKernels, type Kernels } from './kernels';

export async function loadNodeKernels(): Promise<Kernels> {
  return instantiateKernels(await readFile(new URL('./generated/kernels.wasm', import.meta.url)));
}
