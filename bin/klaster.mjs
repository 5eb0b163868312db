#!/usr/bin/env node
// The command-line runner: the same ingest and the same compiled kernels as the browser.
// TypeScript sources run through tsx, so a fresh clone works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
