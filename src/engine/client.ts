/** The page's handle on the engine worker: typed requests, promised answers. */
import type { EngineRequest, EngineResponse, ViewResult } from './protocol';
import type { BalanceSettings } from './types';

type Pending = { resolve: (r: ViewResult) => void; reject: (e: Error) => void };

export class EngineClient {
  private readonly worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<EngineResponse>) => {
      const msg = event.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.result);
      else p.reject(new Error(msg.message));
    };
    this.worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'engine worker failed'));
      this.pending.clear();
    };
  }

  /** Loads the demo cluster found under `siteRoot` (the page's base URL) and computes it. */
  openDemo(settings: BalanceSettings, siteRoot: string): Promise<ViewResult> {
    return this.send({ type: 'open-demo', id: 0, settings, siteRoot });
  }

  compute(settings: BalanceSettings): Promise<ViewResult> {
    return this.send({ type: 'compute', id: 0, settings });
  }

  private send(req: EngineRequest): Promise<ViewResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Settings come from Svelte state: send a plain copy, proxies cannot be cloned.
      this.worker.postMessage({ ...req, id, settings: JSON.parse(JSON.stringify(req.settings)) });
    });
  }
}
