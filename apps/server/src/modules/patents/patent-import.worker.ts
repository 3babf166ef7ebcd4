/**
 * The patent import's worker thread: reads the stored file and prepares its rows (preparedBatches), posting one batch
 * at a time; the next batch is posted only after the runner has taken the previous one ('ack'). Started by
 * patent-import.pipeline.ts through patent-import.worker.mjs.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { preparedBatches, type WorkerInput, type WorkerMessage } from './patent-import.pipeline';
import { ImportFileError, readRows } from './patent-import.reader';

const input = workerData as WorkerInput;
const port = parentPort!;
let acked = 0;
let sent = 0;
let wake: (() => void) | null = null;
port.on('message', (m) => {
  if (m === 'ack') {
    acked++;
    const w = wake;
    wake = null;
    w?.();
  }
});

const post = (m: WorkerMessage) => port.postMessage(m);

try {
  for await (const batch of preparedBatches(readRows(fs.createReadStream(input.path), input.format, input.encoding), input.setup)) {
    while (sent > acked) await new Promise<void>((resolve) => (wake = resolve));
    post({ type: 'batch', batch });
    sent++;
  }
  post({ type: 'end' });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err), fileError: err instanceof ImportFileError });
} finally {
  port.close();
}
