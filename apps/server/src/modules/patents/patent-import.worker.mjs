// Entry of the patent import's worker thread (see patent-import.pipeline.ts). The server's sources are TypeScript run
// by tsx; a worker thread does not inherit the main thread's module hooks, so it registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
await import('./patent-import.worker.ts');
