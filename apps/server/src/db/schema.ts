import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it (camelCase through CamelCasePlugin).
 * Dates are 'YYYY-MM-DD' strings, timestamps ISO-8601 UTC strings, int8 numbers: the drivers are pinned in database.ts.
 * A schema-drift test compares this file with the migrated database.
 */
type Timestamp = ColumnType<string, string | undefined, string>;
type DateCol = string;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parentCode: string | null;
}

export interface UnitsTable {
  id: Generated<number>;
  parentId: number | null;
  name: string;
  shortName: string | null;
  kind: 'cityBureau' | 'countyBureau' | 'station' | 'department';
  regionCodes: ColumnType<string[], string[] | undefined, string[]>;
  path: Generated<string>;
  phone: string | null;
  address: string | null;
  sort: Generated<number>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface RolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  builtin: Generated<boolean>;
  permissions: ColumnType<string[], string[] | undefined, string[]>;
  dataScope: 'all' | 'custom' | 'unitAndBelow' | 'unit' | 'self';
  remark: string | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface RoleUnitsTable {
  roleId: number;
  unitId: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  kind: 'staff' | 'public';
  publicKind: 'enterprise' | 'person' | null;
  uscc: string | null;
  unitId: number | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  lawEnforcementCertNo: string | null;
  passwordHash: string;
  passwordChangedAt: string | null;
  mustChangePassword: Generated<boolean>;
  failedLoginCount: Generated<number>;
  lockedUntil: string | null;
  status: Generated<'active' | 'disabled'>;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface UserRolesTable {
  userId: number;
  roleId: number;
}

export interface SessionsTable {
  id: string;
  userId: number;
  realm: 'admin' | 'portal';
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  endedAt: string | null;
  endReason: 'logout' | 'idle' | 'revoked' | 'passwordChanged' | 'disabled' | null;
  endedBy: number | null;
}

export interface LoginLogsTable {
  id: Generated<number>;
  at: Timestamp;
  username: string;
  userId: number | null;
  realm: 'admin' | 'portal';
  success: boolean;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogsTable {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DictTypesTable {
  code: string;
  name: string;
  remark: string | null;
  builtin: Generated<boolean>;
  createdAt: Generated<string>;
}

export interface DictItemsTable {
  id: Generated<number>;
  typeCode: string;
  value: string;
  label: string;
  sort: Generated<number>;
  enabled: Generated<boolean>;
}

export interface FilesTable {
  id: Generated<number>;
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  ownerType: string | null;
  ownerId: string | null;
  uploadedBy: number | null;
  createdAt: Generated<string>;
}

export interface HolidayNoticesTable {
  year: number;
  title: string;
  documentNo: string | null;
  url: string | null;
  source: 'official-seed' | 'admin';
  fileId: number | null;
  enteredBy: number | null;
  enteredAt: Generated<string>;
}

export interface CalendarDaysTable {
  date: DateCol;
  isOffDay: boolean;
  name: string;
  noticeYear: number;
}

export interface DeadlineRulesTable {
  id: Generated<number>;
  key: string;
  name: string;
  effectiveFrom: DateCol;
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'months';
  regulation: string;
  article: string;
  version: string;
  trust: 'verified' | 'secondary' | 'unverified';
  note: string | null;
  createdBy: number | null;
  createdAt: Generated<string>;
}

export interface DeadlinesTable {
  id: Generated<number>;
  entityType: string;
  entityId: string;
  title: string;
  unitId: number;
  ruleId: number;
  startOn: DateCol;
  dueOn: DateCol | null;
  state: 'normal' | 'warning' | 'overdue' | 'paused' | 'done';
  provisional: Generated<boolean>;
  completedOn: DateCol | null;
  notifiedState: string | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface DeadlinePausesTable {
  id: Generated<number>;
  deadlineId: number;
  fromOn: DateCol;
  untilOn: DateCol | null;
  reason: string;
}

export interface DeadlineExtensionsTable {
  id: Generated<number>;
  deadlineId: number;
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'months';
  reason: string;
  approvedBy: number;
  approvedOn: DateCol;
}

export interface NotificationsTable {
  id: Generated<number>;
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string | null;
  createdAt: Generated<string>;
  readAt: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string | null;
  leaseUntil: Generated<string>;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastResult: string | null;
}

export interface ArticlesTable {
  id: Generated<number>;
  kind: 'policy' | 'interpretation' | 'typicalCase' | 'news' | 'guide';
  category: 'rights' | 'work' | null;
  title: string;
  summary: string | null;
  body: string;
  issuer: string | null;
  documentNo: string | null;
  issuedOn: DateCol | null;
  effectiveOn: DateCol | null;
  edition: string | null;
  relatedArticleId: number | null;
  unitId: number;
  status: Generated<'draft' | 'inReview' | 'approved' | 'scheduled' | 'published' | 'unpublished'>;
  publishAt: string | null;
  publishedAt: string | null;
  createdBy: number | null;
  version: Generated<number>;
  searchBigrams: ColumnType<string[], string[] | undefined, string[]>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface ArticleActionsTable {
  id: Generated<number>;
  articleId: number;
  action: 'create' | 'import' | 'edit' | 'submitReview' | 'approve' | 'reject' | 'publish' | 'schedule' | 'cancelSchedule' | 'unpublish';
  fromStatus: 'draft' | 'inReview' | 'approved' | 'scheduled' | 'published' | 'unpublished' | null;
  toStatus: 'draft' | 'inReview' | 'approved' | 'scheduled' | 'published' | 'unpublished';
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  publishAt: string | null;
  at: Generated<string>;
}

// ---------- 咨询 consultations (migration 0004) ----------

export interface ConsultationSequencesTable {
  year: number;
  lastValue: number;
}

export interface ConsultationsTable {
  id: Generated<number>;
  consultationNo: string;
  lookupCodeHash: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  ipType: string;
  title: string;
  question: string;
  askerName: string | null;
  askerPhoneEnc: string | null;
  askerPhoneHash: string | null;
  askerUserId: number | null;
  ip: string | null;
  unitId: number;
  deadlineId: number | null;
  status: Generated<'pending' | 'answered' | 'published' | 'closed'>;
  answer: string | null;
  answeredBy: number | null;
  answeredAt: string | null;
  closeReason: string | null;
  faqQuestion: string | null;
  faqAnswer: string | null;
  faqPublishedAt: string | null;
  faqUnpublishedAt: string | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface ConsultationActionsTable {
  id: Generated<number>;
  consultationId: number;
  action: 'submit' | 'answer' | 'close' | 'publishFaq' | 'unpublishFaq';
  fromStatus: 'pending' | 'answered' | 'published' | 'closed' | null;
  toStatus: 'pending' | 'answered' | 'published' | 'closed';
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  createdAt: Generated<string>;
}

// ---------- 网上诉求 submissions (issue 3, migration 0005) ----------
export interface ReceiptCountersTable {
  year: number;
  cityCode: string;
  lastSeq: Generated<number>;
}

export interface SubmissionDuplicateSweepsTable {
  year: number;
  cityCode: string;
  checkedSeq: Generated<number>;
  updatedAt: Generated<string>;
}

export interface SubmissionNameKeysTable {
  submissionId: number;
  createdAt: string;
  ipType: 'patent' | 'trademark' | 'geographicalIndication' | 'patentAgency' | 'trademarkAgency' | 'other';
  respondentUscc: string | null;
  respondentNameNorm: string;
  respondentNameBigrams: string[];
}

export interface SubmissionsTable {
  id: Generated<number>;
  /** Written by the last statements of the submitting transaction, so every committed row has one. */
  receiptNo: ColumnType<string, null | undefined, string>;
  lookupCodeHash: string;
  lookupCodeEnc: string;
  kind: 'complaint' | 'report' | 'assistanceRequest';
  ipType: 'patent' | 'trademark' | 'geographicalIndication' | 'patentAgency' | 'trademarkAgency' | 'other';
  category: string | null;
  respondentName: string;
  respondentNameNorm: string;
  respondentNameBigrams: ColumnType<string[], string[], string[]>;
  respondentUscc: string | null;
  respondentAddress: string | null;
  respondentRegionCode: string;
  online: Generated<boolean>;
  shopUrl: string | null;
  platform: string | null;
  facts: string;
  requestedOutcome: string | null;
  anonymous: Generated<boolean>;
  submitterNameEnc: string | null;
  submitterNameMasked: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
  idNoEnc: string | null;
  idNoHash: string | null;
  idNoMasked: string | null;
  submitterAddressEnc: string | null;
  submitterEmailEnc: string | null;
  organizationName: string | null;
  organizationUscc: string | null;
  submitterUserId: number | null;
  consentPublication: Generated<boolean>;
  consentDelegatedMediation: Generated<boolean>;
  unitId: number;
  status: 'received' | 'registered' | 'merged' | 'closed' | 'reopened' | 'dispatched' | 'inProgress';
  result: string | null;
  closedAt: string | null;
  mergedIntoId: number | null;
  idempotencyKey: string;
  requestHash: string;
  ip: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Generated<number>;
}

export interface EvidenceUploadsTable {
  fileId: number;
  tokenHash: string;
  ip: string | null;
  createdAt: Timestamp;
  usedAt: string | null;
  submissionId: number | null;
}

export interface SubmissionFilesTable {
  submissionId: number;
  fileId: number;
  sort: Generated<number>;
}

export interface SubmissionEventsTable {
  id: Generated<number>;
  submissionId: number;
  kind: string;
  public: Generated<boolean>;
  text: string | null;
  note: string | null;
  actorId: number | null;
  actorName: string | null;
  at: Timestamp;
}

export interface SubmissionLinksTable {
  id: Generated<number>;
  submissionId: number;
  otherId: number;
  mode: 'duplicate' | 'related';
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface SubmissionDuplicatesTable {
  submissionId: number;
  otherId: number;
  reason: 'uscc' | 'name';
  /** numeric(4,3): read as a string (numeric parser pinned), written as a number. */
  similarity: ColumnType<string, number, number>;
}

export interface SubmissionRatingsTable {
  id: Generated<number>;
  submissionId: number;
  closedAt: string;
  satisfaction: 'satisfied' | 'basicallySatisfied' | 'dissatisfied';
  comment: string | null;
  createdAt: Timestamp;
}

export interface OutboxMessagesTable {
  id: Generated<number>;
  channel: 'sms' | 'email' | 'inApp';
  recipientEnc: string | null;
  recipientMasked: string | null;
  userId: number | null;
  subject: string;
  body: string;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  status: Generated<'pending' | 'sent' | 'failed' | 'dead'>;
  attempts: Generated<number>;
  nextAttemptAt: Timestamp;
  lockedUntil: string | null;
  lastError: string | null;
  transport: string | null;
  createdAt: Timestamp;
  sentAt: string | null;
}

export interface CaptchaChallengesTable {
  id: string;
  answerHash: string;
  ip: string | null;
  createdAt: Timestamp;
  expiresAt: string;
  usedAt: string | null;
}

export interface SubmissionLookupFailuresTable {
  id: Generated<number>;
  ip: string;
  failedAt: Timestamp;
}

// ---------- enforcement (migration 0006) ----------
/** jsonb: read as parsed JSON; write with sql`${JSON.stringify(v)}::jsonb` or a plain JSON string. */
type Json = ColumnType<unknown, string, string>;
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface RecordCountersTable {
  scope: string;
  year: number;
  lastSeq: Generated<number>;
}

export type LeadKind = 'complaint' | 'report' | 'lead';
export type LeadSource = 'portal' | 'provincialPlatform' | 'hotline12315' | 'inspection' | 'transfer' | 'superiorAssignment' | 'onlineMonitoring' | 'complaintMediation';
export type IpType = 'patent' | 'trademark' | 'geographicalIndication' | 'patentAgency' | 'trademarkAgency' | 'other';
export type EntityDeadlineState = 'normal' | 'warning' | 'overdue' | 'paused';

export interface LeadsTable {
  id: Generated<number>;
  leadNo: string;
  kind: LeadKind;
  source: LeadSource;
  externalId: string | null;
  submissionId: number | null;
  parentLeadId: number | null;
  ipType: IpType;
  title: string;
  facts: string;
  respondentName: string;
  respondentUscc: string | null;
  respondentAddress: string | null;
  respondentRegionCode: string | null;
  informantNameEnc: string | null;
  informantNameMasked: string | null;
  informantPhoneEnc: string | null;
  informantPhoneMasked: string | null;
  realName: Generated<boolean>;
  receivedOn: DateCol;
  intakeUnitId: number;
  countyUnitId: number | null;
  unitId: number;
  status: string;
  dueOn: DateCol | null;
  deadlineState: EntityDeadlineState | null;
  reasonCode: string | null;
  verificationResult: 'substantiated' | 'unsubstantiated' | null;
  decision: 'fileCase' | 'declineCase' | null;
  decidedOn: DateCol | null;
  reporterNotifiedOn: DateCol | null;
  caseId: number | null;
  result: string | null;
  closedOn: DateCol | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface LeadActionsTable {
  id: Generated<number>;
  leadId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  unitId: number;
  toUnitId: number | null;
  reasonCode: string | null;
  note: string | null;
  data: Json | null;
  actorId: number | null;
  actorName: string | null;
  at: Timestamp;
}

export type CaseType = 'trademarkInfringement' | 'patentCounterfeiting' | 'geographicalIndication' | 'agencyViolation' | 'other';
export type CaseDecision = 'penalty' | 'noPenalty' | 'transferToPolice' | 'withdrawn';

export interface CasesTable {
  id: Generated<number>;
  caseNo: string;
  unitId: number;
  countyUnitId: number | null;
  leadId: number | null;
  fromComplaint: Generated<boolean>;
  caseType: CaseType;
  procedure: 'ordinary' | 'simplified';
  title: string;
  partyKind: 'organization' | 'person';
  partyName: string;
  partyUscc: string | null;
  partyIdNoEnc: string | null;
  partyIdNoMasked: string | null;
  partyAddress: string | null;
  partyRegionCode: string | null;
  partyLegalRep: string | null;
  facts: string | null;
  filedOn: DateCol;
  status: string;
  major: Generated<boolean>;
  illegalTurnover: Numeric;
  illegalGains: Numeric;
  repeatWithin5Years: Generated<boolean>;
  decision: CaseDecision | null;
  decisionOn: DateCol | null;
  decisionDocNo: string | null;
  penaltyKinds: ColumnType<string[], string[] | undefined, string[]>;
  fineAmount: Numeric;
  confiscatedAmount: Numeric;
  decisionSummary: string | null;
  servedOn: DateCol | null;
  fineDueOn: DateCol | null;
  paidOn: DateCol | null;
  closedOn: DateCol | null;
  archivedOn: DateCol | null;
  dueOn: DateCol | null;
  deadlineState: EntityDeadlineState | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CaseHandlersTable {
  caseId: number;
  userId: number;
  role: 'lead' | 'assistant';
  certNo: string;
}

export interface CaseActionsTable {
  id: Generated<number>;
  caseId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  data: Json | null;
  actorId: number | null;
  actorName: string | null;
  at: Timestamp;
}

export type EvidenceKind = 'documentary' | 'physical' | 'audiovisual' | 'electronic' | 'witness' | 'partyStatement' | 'expertOpinion' | 'inspectionRecord';

export interface CaseEvidenceTable {
  id: Generated<number>;
  caseId: number;
  kind: EvidenceKind;
  title: string;
  collectedOn: DateCol;
  collectedBy: string;
  fileId: number | null;
  note: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export type MeasureKind = 'evidencePreservation' | 'seizure' | 'assistanceRequest' | 'testing' | 'rightsHolderIdentification';

export interface CaseMeasuresTable {
  id: Generated<number>;
  caseId: number;
  kind: MeasureKind;
  startedOn: DateCol;
  endedOn: DateCol | null;
  items: string | null;
  outcome: string | null;
  deadlineId: number | null;
  createdBy: number | null;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface DocumentsTable {
  id: Generated<number>;
  entityType: string;
  entityId: number;
  unitId: number;
  kind: string;
  docNo: string | null;
  year: number | null;
  seq: number | null;
  title: string;
  fileId: number;
  data: Json;
  generatedBy: number | null;
  generatedAt: Timestamp;
  supersededBy: number | null;
}

export type ServiceMethod = 'direct' | 'electronic' | 'mail' | 'leaving' | 'entrusted' | 'forwarded' | 'announcement';

export interface ServiceRecordsTable {
  id: Generated<number>;
  entityType: string;
  entityId: number;
  unitId: number;
  documentId: number | null;
  documentTitle: string;
  method: ServiceMethod;
  recipient: string;
  servedOn: DateCol | null;
  announcedOn: DateCol | null;
  deemedServedOn: DateCol | null;
  trackingNo: string | null;
  electronicConsent: Generated<boolean>;
  proofFileId: number | null;
  announcementText: string | null;
  deadlineId: number | null;
  note: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface PenaltyPublicationsTable {
  id: Generated<number>;
  caseId: number;
  unitId: number;
  docNo: string;
  partyName: string;
  partyUscc: string | null;
  violationType: string;
  penaltyContent: string;
  authorityName: string;
  decidedOn: DateCol;
  publishedOn: DateCol;
  period: 'threeMonths' | 'threeYears';
  expiresOn: DateCol;
  body: string;
  status: 'published' | 'withdrawn' | 'expired';
  withdrawnOn: DateCol | null;
  withdrawReason: string | null;
  publishedBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SupervisionFlagsTable {
  id: Generated<number>;
  entityType: 'lead' | 'case';
  entityId: number;
  unitId: number;
  level: 'city' | 'county';
  reason: string;
  dueOn: DateCol | null;
  flaggedBy: number | null;
  flaggedAt: Timestamp;
  escalatedAt: string | null;
  liftedAt: string | null;
  liftedBy: number | null;
  liftNote: string | null;
}

export interface SupervisionRemindersTable {
  id: Generated<number>;
  entityType: 'lead' | 'case';
  entityId: number;
  unitId: number;
  message: string;
  sentBy: number | null;
  sentAt: Timestamp;
}

export interface ExtensionRequestsTable {
  id: Generated<number>;
  deadlineId: number;
  entityType: string;
  entityId: number;
  unitId: number;
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'months';
  reason: string;
  collective: Generated<boolean>;
  status: 'pending' | 'approved' | 'denied';
  requestedBy: number | null;
  requestedAt: Timestamp;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: Generated<number>;
}

export interface CaseFileReviewsTable {
  id: Generated<number>;
  caseId: number;
  unitId: number;
  reviewerId: number;
  reviewedOn: DateCol;
  items: Json;
  totalScore: ColumnType<string, string | number, string | number>;
  grade: 'excellent' | 'qualified' | 'unqualified';
  comments: string | null;
  createdAt: Timestamp;
}

// ---- Patent information database (migration 0007) ----
type NumericCol = ColumnType<string, string | number, string | number>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type IntArray = ColumnType<number[], number[] | undefined, number[]>;

export interface IpcTitlesTable {
  code: string;
  level: 'section' | 'class' | 'subclass' | 'mainGroup' | 'subgroup';
  titleZh: string;
  parent: string | null;
}

export interface SeiRulesTable {
  id: Generated<number>;
  tableVersion: string;
  industryNo: string;
  industryName: string;
  branchNo: string;
  branchName: string;
  ruleIdx: number;
  ipcPatterns: TextArray;
  excludePatterns: TextArray;
  keywords: string | null;
  keywordTerms: TextArray;
  sourcePage: number | null;
}

export interface WipoFieldsTable {
  fieldNo: number;
  sectorEn: string;
  sectorZh: string;
  fieldEn: string;
  fieldZh: string;
  ipcPrefixes: TextArray;
}

export interface IndustryChainsTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  ipcPatterns: TextArray;
  keywords: TextArray;
  seiBranches: TextArray;
  isDemo: Generated<boolean>;
  enabled: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  classifiedVersion: Generated<number>;
  classifyStatus: ColumnType<'pending' | 'running' | 'current' | 'failed', 'pending' | 'running' | 'current' | 'failed' | undefined>;
  classifiedAt: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type PatentImportStatus = 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export interface PatentImportJobsTable {
  id: Generated<number>;
  fileId: number;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  headers: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<Record<string, number | null> | null, string | null | undefined, string | null>;
  status: ColumnType<PatentImportStatus, PatentImportStatus | undefined>;
  totalBytes: Generated<number>;
  processedBytes: Generated<number>;
  rowsRead: Generated<number>;
  rowsInserted: Generated<number>;
  rowsUpdated: Generated<number>;
  rowsFailed: Generated<number>;
  errorFileId: number | null;
  message: string | null;
  worker: string | null;
  heartbeatAt: string | null;
  createdBy: number;
  createdAt: Timestamp;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PatentImportErrorsTable {
  jobId: number;
  rowNo: number;
  columnName: string | null;
  reason: string;
}

export type PatentType = 'invention' | 'utilityModel' | 'design';
export type PatentLegalStatus = 'valid' | 'invalid' | 'pending' | 'unknown';
export interface PatentsTable {
  id: Generated<number>;
  patentKey: string;
  appNo: string | null;
  pubNo: string | null;
  grantNo: string | null;
  appDate: DateCol | null;
  pubDate: DateCol | null;
  grantDate: DateCol | null;
  patentType: PatentType;
  title: string;
  abstract: string | null;
  applicants: TextArray;
  firstApplicant: string | null;
  applicantAddress: string | null;
  inventors: TextArray;
  agency: string | null;
  provinceCodeRaw: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  regionSource: ColumnType<'address' | 'provinceCode' | 'none', 'address' | 'provinceCode' | 'none' | undefined>;
  legalStatus: PatentLegalStatus;
  legalStatusRaw: string | null;
  mainIpc: string | null;
  ipcCodes: TextArray;
  seiBranches: TextArray;
  wipoFields: IntArray;
  chainIds: IntArray;
  foreignFamilyGranted: Generated<boolean>;
  pledgeAmountWan: NumericCol | null;
  hvSei: Generated<boolean>;
  hvForeignFamily: Generated<boolean>;
  hvOver10Years: Generated<boolean>;
  hvPledge: Generated<boolean>;
  hvAward: Generated<boolean>;
  isHighValue: Generated<boolean>;
  searchTokens: TextArray;
  dataSource: ColumnType<'import' | 'demo' | 'synthetic', 'import' | 'demo' | 'synthetic' | undefined>;
  importJobId: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ResidentPopulationTable {
  regionCode: string;
  year: number;
  populationWan: NumericCol;
  source: string;
  sourceUrl: string | null;
  note: string | null;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface PatentAwardsTable {
  id: Generated<number>;
  patentNumber: string;
  patentKey: string;
  award: 'nationalSciTech' | 'chinaPatentAward';
  awardYear: number;
  awardLevel: string | null;
  note: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface KpiTargetsTable {
  kpi: string;
  regionCode: string;
  year: number;
  target: NumericCol;
  source: string | null;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface PatentKpiSnapshotsTable {
  regionCode: string;
  asOf: DateCol;
  origin: 'computed' | 'official';
  highValueCount: number | null;
  populationWan: NumericCol | null;
  populationYear: number | null;
  value: NumericCol | null;
  note: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface PatentStatsTable {
  chainId: number;
  regionCode: string;
  patentType: string;
  legalStatus: string;
  appYear: number;
  n: number;
  nGranted: number;
  nHighValue: number;
  nHvSei: number;
  nHvForeignFamily: number;
  nHvOver10Years: number;
  nHvPledge: number;
  nHvAward: number;
  nSei: number;
}

export interface PatentStatsGrantTable {
  chainId: number;
  regionCode: string;
  patentType: string;
  grantYear: number;
  n: number;
}

export interface PatentStatsApplicantTable {
  chainId: number;
  regionCode: string;
  applicant: string;
  n: number;
  nInvention: number;
  nValidInvention: number;
  nHighValue: number;
}

export interface PatentStatsIpcTable {
  chainId: number;
  regionCode: string;
  ipcSubclass: string;
  n: number;
}

export interface PatentStatsSeiTable {
  chainId: number;
  regionCode: string;
  seiBranch: string;
  n: number;
  nValidInvention: number;
}

export interface PatentStatsWipoTable {
  chainId: number;
  regionCode: string;
  fieldNo: number;
  n: number;
}

/** Year-keyed rollups (migration 0010): read only when the dashboard filter has a year range. */
export interface PatentStatsApplicantYearTable {
  chainId: number;
  regionCode: string;
  applicant: string;
  appYear: number;
  n: number;
  nValidInvention: number;
  nHighValue: number;
}

export interface PatentStatsIpcYearTable {
  chainId: number;
  regionCode: string;
  appYear: number;
  ipcSubclass: string;
  n: number;
}

export interface PatentStatsSeiYearTable {
  chainId: number;
  regionCode: string;
  appYear: number;
  seiBranch: string;
  n: number;
  nValidInvention: number;
}

export interface PatentStatsWipoYearTable {
  chainId: number;
  regionCode: string;
  appYear: number;
  fieldNo: number;
  n: number;
}

export interface PatentStatsMetaTable {
  id: number;
  rebuiltAt: string | null;
  patentCount: Generated<number>;
  durationMs: number | null;
}

export interface PatentReportsTable {
  id: Generated<number>;
  quarter: string;
  chainId: number | null;
  regionCode: string;
  status: ColumnType<'queued' | 'running' | 'succeeded' | 'failed', 'queued' | 'running' | 'succeeded' | 'failed' | undefined>;
  fileId: number | null;
  figures: ColumnType<unknown, string | null | undefined, string | null>;
  message: string | null;
  worker: string | null;
  heartbeatAt: string | null;
  requestedBy: number;
  createdAt: Timestamp;
  finishedAt: string | null;
}

// ---------- issue 6: 专利侵权纠纷行政裁决 and 调解 (migration 0009) ----------

export type PatentKind = 'invention' | 'utilityModel' | 'design';
export type PartyKind = 'organization' | 'person';

export interface AdjudicationsTable {
  id: Generated<number>;
  requestNo: string;
  caseNo: string | null;
  unitId: number;
  receivedByUnitId: number;
  channel: 'portal' | 'window' | 'mail' | 'transferred';
  portalUserId: number | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  patentNo: string;
  patentType: PatentKind;
  patentTitle: string;
  patentee: string;
  patentId: number | null;
  patentCheck: Generated<'valid' | 'invalid' | 'pending' | 'unknown' | 'notFound' | 'mismatch'>;
  patentCheckNote: string | null;
  requesterKind: PartyKind;
  requesterName: string;
  requesterUscc: string | null;
  requesterIdNoEnc: string | null;
  requesterIdNoMasked: string | null;
  requesterPhoneEnc: string | null;
  requesterPhoneMasked: string | null;
  requesterAddress: string | null;
  requesterRole: 'patentee' | 'exclusiveLicensee' | 'heir' | 'otherInterested';
  requesterAgent: string | null;
  respondentKind: PartyKind;
  respondentName: string;
  respondentUscc: string | null;
  respondentAddress: string | null;
  respondentRegionCode: string | null;
  respondentLegalRep: string | null;
  respondentPhone: string | null;
  accusedProduct: string;
  claimsComparison: string;
  requests: string;
  factsReasons: string;
  noLawsuitDeclared: Generated<boolean>;
  receivedOn: DateCol;
  status: string;
  statusBeforeSuspension: string | null;
  notAcceptedReason: string | null;
  filedOn: DateCol | null;
  procedureMode: 'oral' | 'written' | null;
  simpleCase: Generated<boolean>;
  respondentServedOn: DateCol | null;
  answerReceivedOn: DateCol | null;
  answerForwardedOn: DateCol | null;
  invalidationCaseNo: string | null;
  invalidationAcceptedOn: DateCol | null;
  invalidationResult: 'valid' | 'partlyValid' | 'invalidated' | null;
  decision: 'infringement' | 'noInfringement' | null;
  decisionOn: DateCol | null;
  decisionDocNo: string | null;
  decisionSummary: string | null;
  orders: ColumnType<string[], string[] | undefined, string[]>;
  decisionServedOn: DateCol | null;
  lawsuitDueOn: DateCol | null;
  lawsuitFiledOn: DateCol | null;
  lawsuitCourt: string | null;
  lawsuitCaseNo: string | null;
  judgmentResult: 'upheld' | 'revoked' | 'changed' | null;
  effectiveOn: DateCol | null;
  performance: 'performed' | 'notPerformed' | 'enforcementApplied' | null;
  performanceOn: DateCol | null;
  creditFlaggedOn: DateCol | null;
  endedReason: 'withdrawn' | 'settled' | 'dismissedInvalidated' | 'dismissedNoReport' | null;
  closedOn: DateCol | null;
  dueOn: DateCol | null;
  deadlineState: EntityDeadlineState | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AdjudicationHandlersTable {
  adjudicationId: number;
  userId: number;
  role: 'chief' | 'member';
}

export interface AdjudicationActionsTable {
  id: Generated<number>;
  adjudicationId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  data: Json | null;
  actorId: number | null;
  actorName: string | null;
  at: Timestamp;
}

export type AdjudicationFileKind = 'evidence' | 'evaluationReport' | 'requestForm' | 'identity' | 'answer' | 'invalidationNotice' | 'hearingRecord' | 'other';

export interface AdjudicationFilesTable {
  id: Generated<number>;
  adjudicationId: number;
  fileId: number;
  kind: AdjudicationFileKind;
  party: 'requester' | 'respondent' | 'office';
  title: string;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface AdjudicationHearingsTable {
  id: Generated<number>;
  adjudicationId: number;
  scheduledAt: string;
  place: string;
  online: Generated<boolean>;
  noticeOn: DateCol;
  technicalInvestigators: ColumnType<string[], string[] | undefined, string[]>;
  jointWithCnipa: Generated<boolean>;
  status: 'scheduled' | 'held' | 'cancelled';
  heldOn: DateCol | null;
  recordSummary: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface AdjudicationAssistsTable {
  id: Generated<number>;
  adjudicationId: number;
  unitId: number;
  task: string;
  requestedOn: DateCol;
  dueOn: DateCol | null;
  status: 'open' | 'done';
  result: string | null;
  doneBy: number | null;
  doneOn: DateCol | null;
  requestedBy: number | null;
  createdAt: Timestamp;
}

export interface AdjudicationPublicationsTable {
  id: Generated<number>;
  adjudicationId: number;
  unitId: number;
  title: string;
  docNo: string | null;
  body: string;
  redactions: ColumnType<unknown, string | undefined, string>;
  publishedOn: DateCol;
  withdrawnOn: DateCol | null;
  withdrawnReason: string | null;
  publishedBy: number | null;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface MediatorsTable {
  id: Generated<number>;
  unitId: number;
  userId: number | null;
  name: string;
  kind: 'peopleMediator' | 'specialMediator' | 'expert';
  employer: string | null;
  title: string | null;
  expertise: ColumnType<string[], string[] | undefined, string[]>;
  technicalFields: ColumnType<string[], string[] | undefined, string[]>;
  certificates: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  available: Generated<boolean>;
  unavailableUntil: DateCol | null;
  active: Generated<boolean>;
  note: string | null;
  demo: Generated<boolean>;
  createdBy: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Generated<number>;
}

export interface MediatorConflictsTable {
  id: Generated<number>;
  mediatorId: number;
  partyName: string;
  partyUscc: string | null;
  relation: string;
  declaredOn: DateCol;
  createdBy: number | null;
  createdAt: Timestamp;
}

export type MediationSource = 'application' | 'courtDelegated' | 'courtEntrusted' | 'complaint' | 'adjudication';

export interface MediationsTable {
  id: Generated<number>;
  mediationNo: string;
  unitId: number;
  source: MediationSource;
  channel: 'portal' | 'window' | 'court' | 'internal';
  portalUserId: number | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  courtName: string | null;
  courtCaseNo: string | null;
  courtProcedure: 'ordinary' | 'simple' | null;
  materialsReceivedOn: DateCol | null;
  leadId: number | null;
  adjudicationId: number | null;
  ipType: 'patent' | 'trademark' | 'geographicalIndication' | 'tradeSecret' | 'other';
  disputeType: 'infringementDamages' | 'ownership' | 'inventorship' | 'employeeReward' | 'provisionalUseFee' | 'licence' | 'contract' | 'other';
  subject: string;
  claims: string;
  amountClaimed: Numeric;
  appliedOn: DateCol;
  status: string;
  acceptedOn: DateCol | null;
  refusedReason: string | null;
  agreementForm: 'written' | 'oral' | null;
  agreementTerms: string | null;
  agreementTermKinds: ColumnType<string[], string[] | undefined, string[]>;
  agreementAmount: Numeric;
  agreementEffectiveOn: DateCol | null;
  performanceDueOn: DateCol | null;
  terminationReason: string | null;
  terminatedOn: DateCol | null;
  confirmationAppliedOn: DateCol | null;
  confirmationCourt: string | null;
  confirmationCaseNo: string | null;
  confirmationRuling: 'confirmed' | 'rejected' | null;
  confirmationRulingOn: DateCol | null;
  performance: 'performed' | 'partlyPerformed' | 'notPerformed' | null;
  performanceOn: DateCol | null;
  courtInformedOn: DateCol | null;
  closedOn: DateCol | null;
  dueOn: DateCol | null;
  deadlineState: EntityDeadlineState | null;
  demo: Generated<boolean>;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface MediationPartiesTable {
  id: Generated<number>;
  mediationId: number;
  side: 'applicant' | 'respondent';
  kind: PartyKind;
  name: string;
  uscc: string | null;
  idNoEnc: string | null;
  idNoMasked: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  address: string | null;
  agent: string | null;
  sort: Generated<number>;
}

export interface MediationMediatorsTable {
  mediationId: number;
  mediatorId: number;
  role: 'chief' | 'member';
  assignedAt: Timestamp;
}

export interface MediationSessionsTable {
  id: Generated<number>;
  mediationId: number;
  heldOn: DateCol;
  place: string;
  online: Generated<boolean>;
  attendees: string;
  minutes: string;
  fileId: number | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface MediationActionsTable {
  id: Generated<number>;
  mediationId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  data: Json | null;
  actorId: number | null;
  actorName: string | null;
  at: Timestamp;
}

export interface Database {
  regions: RegionsTable;
  units: UnitsTable;
  roles: RolesTable;
  roleUnits: RoleUnitsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  loginLogs: LoginLogsTable;
  auditLogs: AuditLogsTable;
  auditChainHead: AuditChainHeadTable;
  dictTypes: DictTypesTable;
  dictItems: DictItemsTable;
  files: FilesTable;
  holidayNotices: HolidayNoticesTable;
  calendarDays: CalendarDaysTable;
  deadlineRules: DeadlineRulesTable;
  deadlines: DeadlinesTable;
  deadlinePauses: DeadlinePausesTable;
  deadlineExtensions: DeadlineExtensionsTable;
  notifications: NotificationsTable;
  jobLeases: JobLeasesTable;
  consultationSequences: ConsultationSequencesTable;
  consultations: ConsultationsTable;
  consultationActions: ConsultationActionsTable;
  articles: ArticlesTable;
  articleActions: ArticleActionsTable;
  receiptCounters: ReceiptCountersTable;
  submissionDuplicateSweeps: SubmissionDuplicateSweepsTable;
  submissionNameKeys: SubmissionNameKeysTable;
  submissions: SubmissionsTable;
  evidenceUploads: EvidenceUploadsTable;
  submissionFiles: SubmissionFilesTable;
  submissionEvents: SubmissionEventsTable;
  submissionLinks: SubmissionLinksTable;
  submissionDuplicates: SubmissionDuplicatesTable;
  submissionRatings: SubmissionRatingsTable;
  outboxMessages: OutboxMessagesTable;
  captchaChallenges: CaptchaChallengesTable;
  submissionLookupFailures: SubmissionLookupFailuresTable;
  recordCounters: RecordCountersTable;
  leads: LeadsTable;
  leadActions: LeadActionsTable;
  cases: CasesTable;
  caseHandlers: CaseHandlersTable;
  caseActions: CaseActionsTable;
  caseEvidence: CaseEvidenceTable;
  caseMeasures: CaseMeasuresTable;
  documents: DocumentsTable;
  serviceRecords: ServiceRecordsTable;
  penaltyPublications: PenaltyPublicationsTable;
  supervisionFlags: SupervisionFlagsTable;
  supervisionReminders: SupervisionRemindersTable;
  extensionRequests: ExtensionRequestsTable;
  caseFileReviews: CaseFileReviewsTable;
  ipcTitles: IpcTitlesTable;
  seiRules: SeiRulesTable;
  wipoFields: WipoFieldsTable;
  industryChains: IndustryChainsTable;
  patentImportJobs: PatentImportJobsTable;
  patentImportErrors: PatentImportErrorsTable;
  patents: PatentsTable;
  residentPopulation: ResidentPopulationTable;
  patentAwards: PatentAwardsTable;
  kpiTargets: KpiTargetsTable;
  patentKpiSnapshots: PatentKpiSnapshotsTable;
  patentStats: PatentStatsTable;
  patentStatsGrant: PatentStatsGrantTable;
  patentStatsApplicant: PatentStatsApplicantTable;
  patentStatsIpc: PatentStatsIpcTable;
  patentStatsSei: PatentStatsSeiTable;
  patentStatsWipo: PatentStatsWipoTable;
  patentStatsMeta: PatentStatsMetaTable;
  patentStatsApplicantYear: PatentStatsApplicantYearTable;
  patentStatsIpcYear: PatentStatsIpcYearTable;
  patentStatsSeiYear: PatentStatsSeiYearTable;
  patentStatsWipoYear: PatentStatsWipoYearTable;
  patentReports: PatentReportsTable;
  adjudications: AdjudicationsTable;
  adjudicationHandlers: AdjudicationHandlersTable;
  adjudicationActions: AdjudicationActionsTable;
  adjudicationFiles: AdjudicationFilesTable;
  adjudicationHearings: AdjudicationHearingsTable;
  adjudicationAssists: AdjudicationAssistsTable;
  adjudicationPublications: AdjudicationPublicationsTable;
  mediators: MediatorsTable;
  mediatorConflicts: MediatorConflictsTable;
  mediations: MediationsTable;
  mediationParties: MediationPartiesTable;
  mediationMediators: MediationMediatorsTable;
  mediationSessions: MediationSessionsTable;
  mediationActions: MediationActionsTable;
}

export type Unit = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type User = Selectable<UsersTable>;
export type Role = Selectable<RolesTable>;
