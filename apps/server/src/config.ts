import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration from the environment. Every setting has a safe default for the one-command demo;
 * production sets DATABASE_URL, FIELD_ENCRYPTION_KEY and COOKIE_SECURE=true.
 */
const Env = z.object({
  /** postgres://user:pass@host:port/db. Empty: the embedded PGlite database in DATA_DIR/pglite. */
  DATABASE_URL: z.string().optional(),
  /** Where the embedded database, uploaded files and the server pid live. */
  DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** City seeded on first start: 3709 泰安, 3707 潍坊, any Shandong city code. */
  CITY_CODE: z.string().regex(/^37\d{2}$/, 'CITY_CODE 应为山东省地级市代码，如 3709').default('3709'),
  /** Seed demo accounts and mark the system as a demo. */
  DEMO: z.enum(['true', 'false']).default('true'),
  /** 32-byte key (hex) for field encryption (SM4 uses the first 16 bytes) and keyed hashes. */
  FIELD_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** 等保: idle timeout, failed-login lock-out. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(20).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** Failed logins from one IP address within 15 minutes before it is refused. */
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Upload limit in MiB. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** Working days left at which a deadline turns 黄灯. */
  DEADLINE_WARNING_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  /** Scheduler period in seconds (0 disables the in-process scheduler). */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // ---- online intake (投诉/举报/维权援助申请) and its outbox ----
  /** Submissions accepted from one IP address per 10 minutes (0 = no limit, e.g. for the benchmark). */
  INTAKE_RATE_LIMIT_PER_10MIN: z.coerce.number().int().min(0).default(10),
  /** From this submission of one IP address within an hour on, a solved captcha is required (0 = never). */
  INTAKE_CAPTCHA_AFTER: z.coerce.number().int().min(0).default(3),
  /** Failed progress lookups (wrong receipt number or lookup code) from one IP address per 10 minutes before 429. */
  INTAKE_LOOKUP_FAILURES_PER_10MIN: z.coerce.number().int().min(1).default(20),
  /** Size limit of one evidence file in MiB (at most UPLOAD_MAX_MB). */
  EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(2048).default(20),
  /** Hours an evidence upload token stays valid; unclaimed uploads older than this are deleted by the evidence-cleanup job. */
  EVIDENCE_UPLOAD_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24),
  /** Window in days within which submissions against the same respondent are flagged as possible duplicates. */
  DUPLICATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** SMS gateway: POST JSON {to, text}. Empty: SMS are written to the server log. */
  SMS_GATEWAY_URL: z.url().optional().or(z.literal('')),
  /** E-mail gateway: POST JSON {to, subject, text}. Empty: e-mails are written to the server log. */
  EMAIL_GATEWAY_URL: z.url().optional().or(z.literal('')),
  /** Delivery attempts of an outbox message before it is marked dead (kept for a person to see). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  // ---- patent information database ----
  /** Size limit of one patent export file (CSV/XLSX) in MiB; the file is streamed, never held in memory. */
  PATENT_IMPORT_MAX_MB: z.coerce.number().int().min(1).max(20480).default(4096),
  /**
   * Pledge financing (万元) from which an invention counts as 高价值 category 4 (实现较高质押融资金额).
   * CNIPA publishes no threshold (legal-rules.md §2.1 ❓): the bureau sets it; 1000 is a placeholder.
   */
  PATENT_PLEDGE_HIGH_VALUE_WAN: z.coerce.number().min(0).default(1000),
  /** Synthetic demo patents generated for the demo city on first start (only with DEMO=true; 0 = none). */
  DEMO_PATENTS: z.coerce.number().int().min(0).max(1000000).default(3000),
});

export type Config = {
  databaseUrl: string | null;
  dataDir: string;
  pgliteDir: string;
  filesDir: string;
  port: number;
  host: string;
  cityCode: string;
  demo: boolean;
  fieldKeyHex: string;
  fieldKeyIsDefault: boolean;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginIpMaxFailures: number;
  passwordMaxAgeDays: number;
  uploadMaxBytes: number;
  deadlineWarningWorkingDays: number;
  schedulerIntervalSeconds: number;
  logLevel: string;
  intakeRateLimitPer10Min: number;
  intakeCaptchaAfter: number;
  intakeLookupFailuresPer10Min: number;
  evidenceMaxBytes: number;
  evidenceUploadTtlHours: number;
  duplicateWindowDays: number;
  smsGatewayUrl: string | null;
  emailGatewayUrl: string | null;
  outboxMaxAttempts: number;
  patentImportMaxBytes: number;
  patentPledgeHighValueWan: number;
  demoPatents: number;
};

/** A fixed development key. The server warns at start when it is in use. */
const DEV_FIELD_KEY = '7a68696368616e2d6465762d6b65792d646f2d6e6f742d7573652d696e2d7072';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`配置有误 (configuration error):\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL && e.DATABASE_URL.length > 0 ? e.DATABASE_URL : null,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    filesDir: path.join(dataDir, 'files'),
    port: e.PORT,
    host: e.HOST,
    cityCode: e.CITY_CODE,
    demo: e.DEMO === 'true',
    fieldKeyHex: e.FIELD_ENCRYPTION_KEY ?? DEV_FIELD_KEY,
    fieldKeyIsDefault: !e.FIELD_ENCRYPTION_KEY,
    cookieSecure: e.COOKIE_SECURE === 'true',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    deadlineWarningWorkingDays: e.DEADLINE_WARNING_WORKING_DAYS,
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
    logLevel: e.LOG_LEVEL,
    intakeRateLimitPer10Min: e.INTAKE_RATE_LIMIT_PER_10MIN,
    intakeCaptchaAfter: e.INTAKE_CAPTCHA_AFTER,
    intakeLookupFailuresPer10Min: e.INTAKE_LOOKUP_FAILURES_PER_10MIN,
    evidenceMaxBytes: Math.min(e.EVIDENCE_MAX_MB, e.UPLOAD_MAX_MB) * 1024 * 1024,
    evidenceUploadTtlHours: e.EVIDENCE_UPLOAD_TTL_HOURS,
    duplicateWindowDays: e.DUPLICATE_WINDOW_DAYS,
    smsGatewayUrl: e.SMS_GATEWAY_URL || null,
    emailGatewayUrl: e.EMAIL_GATEWAY_URL || null,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    patentImportMaxBytes: e.PATENT_IMPORT_MAX_MB * 1024 * 1024,
    patentPledgeHighValueWan: e.PATENT_PLEDGE_HIGH_VALUE_WAN,
    demoPatents: e.DEMO === 'true' ? e.DEMO_PATENTS : 0,
  };
}
