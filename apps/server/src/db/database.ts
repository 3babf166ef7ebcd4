import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;
/** Repositories take either the database or the open transaction: inside a transaction use only `trx`. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** PostgreSQL type OIDs whose parsing is pinned so that PGlite and node-postgres return the same values. */
const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

/** '2026-11-21 10:45:33.123+00' → '2026-11-21T10:45:33.123Z'. The session time zone is UTC on both engines. */
export function pgTimestampToIso(value: string): string {
  let s = value.replace(' ', 'T');
  if (/[+-]\d{2}$/.test(s)) s += ':00';
  else if (!/([+-]\d{2}:\d{2}|Z)$/.test(s)) s += 'Z';
  return new Date(s).toISOString();
}

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

const PARSERS: Record<number, (value: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.date]: (v) => v,
  [OID.timestamp]: pgTimestampToIso,
  [OID.timestamptz]: pgTimestampToIso,
  [OID.numeric]: (v) => v,
};

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The PGlite instance, for dumps and COPY; null on PostgreSQL. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** PGlite data folder (always on disk: in-memory PGlite is ten times slower on bulk loads). */
  pgliteDir: string;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: '-c TimeZone=UTC',
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server ends (restart, failover, pg_terminate_backend, DROP DATABASE … FORCE) makes the
    // pool emit 'error'; without a listener Node would crash the process. The pool drops that client and opens a new one
    // on the next query, so noting it is enough.
    let closing = false;
    pool.on('error', (e: Error & { code?: string }) => {
      if (!closing) console.warn(`PostgreSQL: an idle connection was closed by the server (${e.code ?? e.message}); it will be replaced`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return {
      db,
      engine: 'postgres',
      pglite: null,
      close: async () => {
        closing = true;
        await db.destroy();
      },
    };
  }
  fs.mkdirSync(opts.pgliteDir, { recursive: true });
  const pglite = await PGlite.create(opts.pgliteDir, { parsers: PARSERS, extensions: { pg_trgm } });
  await pglite.exec(`SET TimeZone = 'UTC'`);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
