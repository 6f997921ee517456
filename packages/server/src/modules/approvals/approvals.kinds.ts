import type { ApprovalKind, InboxItem, InboxSource, Permission } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';

/** The request as a subject's module sees it in its hook. */
export type ApprovalSubject = {
  requestId: string;
  kind: ApprovalKind;
  subjectId: string;
  ownerOrgId: string;
  payload: Record<string, unknown>;
};

export type ApprovalOutcome = 'approved' | 'returned' | 'rejected' | 'withdrawn' | 'resubmitted';

/**
 * One kind of request, registered by the subject's module (its front door imports nothing of the engine but this).
 * `onDecided` runs inside the decision's transaction: what it writes lands with the decision or not at all, and a
 * refusal it throws (the case was closed meanwhile) refuses the decision.
 */
export type ApprovalKindDef = {
  kind: ApprovalKind;
  /** The permission that reads the subject: a request is seen only inside its scope (a sibling never sees it). */
  permission: Permission;
  /** Checks a returned request's fixed payload (resubmission) and says it in words; throws a 400 naming the field. */
  parsePayload: (payload: unknown) => { payload: Record<string, unknown>; summary: string };
  onDecided: (
    trx: Executor,
    ctx: { clock: Clock; actor: Actor; outcome: ApprovalOutcome; comment: string | null; subject: ApprovalSubject },
  ) => Promise<void>;
};

const kinds = new Map<ApprovalKind, ApprovalKindDef>();

/** Registers the one hook of a kind (called once, when the subject module's file is loaded). */
export function registerApprovalKind(def: ApprovalKindDef): void {
  kinds.set(def.kind, def);
}

export function approvalKind(kind: ApprovalKind): ApprovalKindDef | undefined {
  return kinds.get(kind);
}

export function approvalKinds(): ApprovalKindDef[] {
  return [...kinds.values()];
}

/**
 * A source of 我的待办: what waits for the caller in one module. `list` reads only inside the caller's own scope
 * (its module's permission); a caller without that permission gets nothing from it.
 */
export type InboxProvider = {
  source: InboxSource;
  list: (db: Executor, ctx: { actor: Actor; today: string }) => Promise<InboxItem[]>;
};

const providers = new Map<InboxSource, InboxProvider>();

/** One registration per source: the tasks module adds "tasks to answer" this way. */
export function registerInboxProvider(p: InboxProvider): void {
  providers.set(p.source, p);
}

export function inboxProviders(): InboxProvider[] {
  return [...providers.values()];
}
