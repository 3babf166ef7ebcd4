import type { Kysely } from 'kysely';
import { execSqlScript } from '../sql-script';

/**
 * New permissions of the portal and intake (content, consultations, 统一受理) for the built-in roles of an existing
 * database. On a new database the roles do not exist yet and the seed creates them from BUILTIN_ROLE_TABLE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await execSqlScript(db, `
    UPDATE roles SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || ARRAY[
      'content.read','content.edit','content.review','content.publish',
      'consultation.read','consultation.answer','consultation.publish',
      'submission.read','submission.register','submission.merge','submission.identity.read']) ORDER BY 1)
     WHERE code = 'cityIpOfficer' AND builtin;
    UPDATE roles SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || ARRAY[
      'content.read','content.review','content.publish','consultation.read','submission.read']) ORDER BY 1)
     WHERE code = 'leader' AND builtin;
  `);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
