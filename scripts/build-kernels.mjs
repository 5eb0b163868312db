// Compiles assembly/ to src/engine/generated/kernels.wasm with SIMD on (run by `prepare`, `build`,
// `dev`, `test`). Skips the compile when the output is newer than every kernel source, so the
// scripts that chain it stay quick.
import { mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'assembly');
const outFile = join(root, 'src/engine/generated/kernels.wasm');

const newestSource = Math.max(
  ...readdirSync(source).map((f) => statSync(join(source, f)).mtimeMs),
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
);
if (existsSync(outFile) && statSync(outFile).mtimeMs > newestSource && !process.argv.includes('--force')) {
  process.exit(0);
}
mkdirSync(dirname(outFile), { recursive: true });
const { error, stderr } = await asc.main([
  join(source, 'index.ts'),
  '--outFile',
  outFile,
  '--textFile',
  outFile.replace(/\.wasm$/, '.wat'),
  '-O3',
  '--noAssert',
  '--runtime',
  'stub',
  '--enable',
  'simd',
  '--initialMemory',
  '1',
]);
if (error) {
  console.error(stderr.toString());
  console.error(`kernel build failed: ${error.message}`);
  process.exit(1);
}
console.log(`kernels: ${outFile} (${statSync(outFile).size} bytes)`);
