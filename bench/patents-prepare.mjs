#!/usr/bin/env node
// Prepares (and caches) the n-row synthetic set as the product's prepared-row TSV, without running a benchmark: the 5M
// set takes most of an hour of one core, so it is made ahead of time (at low priority) and the measuring scripts reuse it.
//
//   nice -n 19 node --import tsx bench/patents-prepare.mjs --rows 5000000
import { cleanup, log } from './lib.mjs';
import { openBenchDeps, preparedTsv } from './patents-lib.mjs';
import { parseArgs } from './lib.mjs';

const args = parseArgs(process.argv.slice(2), { rows: 5_000_000 });
try {
  const bench = await openBenchDeps('pglite', 'prepare');
  const { file, prepareMs } = await preparedTsv(args.rows, bench.deps);
  log(prepareMs === null ? `already cached: ${file}` : `prepared ${file} in ${(prepareMs / 1000).toFixed(0)} s`);
} finally {
  await cleanup();
}
