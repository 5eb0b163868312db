import { readFileSync } from 'node:fs';
import { instantiateKernels, type Kernels } from '../../src/engine/kernels';

/** The real compiled kernels, as the CLI loads them. */
export function loadKernelsForTest(): Promise<Kernels> {
  return instantiateKernels(readFileSync(new URL('../../src/engine/generated/kernels.wasm', import.meta.url)));
}
