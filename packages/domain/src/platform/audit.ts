import { z } from 'zod';

/** One row of the audit trail as GET /api/audit sends it (the server's response schema and the web page's type). */
export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  detail: z.string().nullable(),
  hash: z.string(),
});
export type AuditLogEntry = z.infer<typeof auditEntrySchema>;

export const auditProblemSchema = z.object({
  kind: z.enum(['content', 'link', 'missing', 'head']),
  seq: z.number(),
  toSeq: z.number().optional(),
  reason: z.string(),
});
export type AuditProblem = z.infer<typeof auditProblemSchema>;

/** The answer of GET /api/audit/verify: the chain checked end to end, every problem found. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  problems: z.array(auditProblemSchema),
  problemCount: z.number(),
  firstBrokenSeq: z.number().optional(),
  reason: z.string().optional(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
