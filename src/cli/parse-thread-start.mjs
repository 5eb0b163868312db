// A CLI parse thread's entry: TypeScript sources run through tsx, as in bin/klaster.mjs (a
// worker thread does not inherit the main thread's loader).
import { register } from 'tsx/esm/api';

register();
await import('./parse-thread.ts');
