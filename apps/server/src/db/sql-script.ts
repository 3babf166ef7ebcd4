import { type Kysely, sql } from 'kysely';

/**
 * Splits a SQL script into statements on top-level semicolons, respecting '...' strings, "..." identifiers,
 * -- comments and $tag$ dollar quotes. Needed because both drivers run each Kysely query as one prepared statement.
 */
export function splitSqlScript(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === "'" || c === '"') {
      const end = script.indexOf(c, i + 1);
      i = end < 0 ? script.length : end + 1;
      // a doubled quote ('') simply re-enters the loop at the next quote
      continue;
    }
    if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end + 1;
      continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (m) {
        const end = script.indexOf(m[0], i + m[0].length);
        i = end < 0 ? script.length : end + m[0].length;
        continue;
      }
    }
    if (c === ';') {
      const stmt = script.slice(start, i).trim();
      if (stmt) out.push(stmt);
      start = i + 1;
    }
    i++;
  }
  const last = script.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** Runs a multi-statement SQL script, one statement at a time, on the given executor. */
export async function execSqlScript(db: Kysely<any>, script: string): Promise<void> {
  for (const stmt of splitSqlScript(script)) {
    await sql.raw(stmt).execute(db);
  }
}
