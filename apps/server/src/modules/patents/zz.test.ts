import { Worker } from 'node:worker_threads';
import { it, expect } from 'vitest';
it('worker', async () => {
  const t0 = Date.now();
  const w = new Worker(new URL('./zz.worker.mjs', import.meta.url), { workerData: { q: '新能源汽车' } });
  const msg = await new Promise((res, rej) => { w.once('message', res); w.once('error', rej); });
  console.log('worker msg', JSON.stringify(msg), Date.now() - t0, 'ms');
  await w.terminate();
  expect(msg).toBeTruthy();
});
