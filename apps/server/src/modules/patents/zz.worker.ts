import { parentPort, workerData } from 'node:worker_threads';
import { queryTokens } from '@zhichan/shared';
import { divisionIndex } from './patent-write';
parentPort!.postMessage({ t: queryTokens(workerData.q), d: !!divisionIndex() });
