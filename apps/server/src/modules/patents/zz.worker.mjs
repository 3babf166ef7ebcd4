import { register } from 'tsx/esm/api';
register();
await import('./zz.worker.ts');
