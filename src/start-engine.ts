// Imported first by main.ts, so that this runs before the page's other modules are evaluated.
import { startEngineWorker } from './engine/engine-worker';

startEngineWorker();
