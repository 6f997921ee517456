import type { Generated } from 'kysely';
import type { Role } from '@jinguo/domain';

export type UsersTable = {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: number;
  failedLogins: number;
  lockedUntil: string | null;
  active: number;
  /** The unit the user works in (their home unit); scope comes from role assignments. */
  orgUnitId: string;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The confirmed TOTP secret, field-encrypted; null: no second factor. */
  totpSecretEnc?: string | null;
  /** A secret being set up (shown as a QR code), until a code from it is confirmed. */
  totpPendingEnc?: string | null;
  totpEnabledAt?: string | null;
  /** The last TOTP time step accepted: a code of this step or an earlier one is a replay. */
  totpLastStep?: number | null;
};

/** One-time recovery codes for a lost authenticator: only a keyed hash is stored; used once. */
export type RecoveryCodesTable = { id: string; userId: string; codeHash: string; createdAt: string; usedAt: string | null };

/** The hashes of the passwords a user chose, newest kept (PASSWORD_HISTORY): a new password may not repeat one. */
export type PasswordHistoryTable = { id: string; userId: string; passwordHash: string; createdAt: string };

/** Request counters of the rate limiter, per limit and address; reset_at in epoch milliseconds. */
export type RateLimitsTable = { key: string; hits: number; resetAt: number };

export type RoleAssignmentsTable = {
  id: string;
  userId: string;
  role: Role;
  orgUnitId: string;
  createdAt: string;
  createdBy: string | null;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgUnitId: string | null;
  /** JSON: before/after of an update, the fields read, a reason — never a password, token or sensitive value. */
  detail: string | null;
  prevHash: string;
  hash: string;
};

export type AuditHeadTable = { id: number; lastSeq: number; lastHash: string };

/** Refused requests to a sensitive route per caller, route pattern, status and window (platform/access-audit.ts). */
export type AccessDenialsTable = {
  windowStart: string;
  actorKey: string;
  method: string;
  route: string;
  status: number;
  count: number;
  firstAt: string;
  lastAt: string;
};

export type SessionsTable = {
  /** SHA-256 of the cookie token: the token itself is never stored. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The primary's WAL position after this session's last write (read replicas: platform/replicas.ts). */
  lastWriteLsn?: string | null;
};

export type SettingsTable = { key: string; value: string; updatedAt: string; updatedBy: string | null };

/** The holiday calendar for statutory deadlines: a holiday, or a working weekend day (调休). */
export type HolidaysTable = { date: string; kind: 'holiday' | 'workday'; name: string };

export type NotificationsTable = {
  id: string;
  userId: string;
  title: string;
  body: string | null;
  link: string | null;
  /** Dedup key so a daily job does not send the same reminder twice. */
  dedupKey: string | null;
  createdAt: string;
  readAt: string | null;
};

export type JobsTable = {
  id: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** One run of a periodic job (the daily jobs), claimed by one server: platform/job-runs.ts. */
export type JobRunsTable = {
  name: string;
  period: string;
  holder: string;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'succeeded' | 'failed' | null;
  result: string | null;
};

/** An uploaded file (platform/files.ts); its bytes are in stored_file_chunks. */
export type StoredFilesTable = {
  id: string;
  ownerKind: string;
  ownerId: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
};

export type StoredFileChunksTable = { fileId: string; seq: number; data: Uint8Array };

/** A committed Excel import: the same file (SHA-256) into the same target is not imported twice. */
export type FileImportsTable = {
  id: string;
  kind: string;
  targetKey: string;
  sha256: string;
  fileName: string;
  rows: number;
  jobId: string;
  ownerOrgId: string;
  createdBy: string;
  createdAt: string;
};

/** A record people edit concurrently: its version moves on every update (a trigger), ETag/If-Match compare it. */
export type Versioned = { version: Generated<number> };

/** An Idempotency-Key taken by a write, committed in the write's own transaction (platform/idempotency.ts). */
export type IdempotencyKeysTable = {
  userId: string;
  idemKey: string;
  /** "POST /api/funds/donations": a key belongs to one endpoint. */
  endpoint: string;
  /** SHA-256 of the route parameters and the parsed body: the same key with another request is refused. */
  requestHash: string;
  statusCode: number;
  /** What the write created or changed: the answer is rebuilt from it if the first answer was never stored. */
  resultId: string;
  /** The first answer (JSON), encrypted with the field key; null until stored just after the commit. */
  responseEnc: string | null;
  createdAt: string;
};

export type PlatformTables = {
  idempotencyKeys: IdempotencyKeysTable;
  users: UsersTable & Versioned;
  recoveryCodes: RecoveryCodesTable;
  passwordHistory: PasswordHistoryTable;
  rateLimits: RateLimitsTable;
  roleAssignments: RoleAssignmentsTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  accessDenials: AccessDenialsTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  holidays: HolidaysTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
  jobRuns: JobRunsTable;
  storedFiles: StoredFilesTable;
  storedFileChunks: StoredFileChunksTable;
  fileImports: FileImportsTable;
};
