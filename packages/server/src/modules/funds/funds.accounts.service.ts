import {
  HOLDING_ACCOUNT_KINDS,
  type CreateFundAccount,
  type FundAccount,
  type FundJournalEntry,
  type UpdateFundAccount,
} from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './funds.repository.js';
import type { FundsContext } from './funds.context.js';
import { presentAccount } from './funds.present.js';

/** The ledger's accounts and its journal. */
export function createAccountService(ctx: FundsContext) {
  const { db, clock, programmeCheck } = ctx;
  return {
    async listAccounts(actor: Actor): Promise<FundAccount[]> {
      const scope = requirePermission(actor, 'funds.read');
      return (await repo.listAccounts(db, scope)).map(presentAccount);
    },

    async getAccount(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'funds.read');
      const a = await repo.findAccount(db, id);
      if (!a || !pathInScope(scope, a.ownerPath)) throw new NotFoundError('账户');
      return presentAccount(a);
    },

    /** Opens a holding account (cash fund, budget allocation or goods stock) in the caller's own unit. */
    /**
     * Renames a holding account or names the programme it is earmarked for, once both exist. The earmark is only set,
     * never moved: the donations already booked keep the programme they were received for, so an account that names
     * one programme cannot be turned to another (409).
     */
    async updateAccount(actor: Actor, id: string, patch: UpdateFundAccount): Promise<FundAccount> {
      const scope = requirePermission(actor, 'funds.write');
      const a = await repo.findAccount(db, id);
      if (!a || !pathInScope(scope, a.ownerPath) || !(HOLDING_ACCOUNT_KINDS as readonly string[]).includes(a.kind))
        throw new NotFoundError('账户');
      const programmeCode = patch.programmeCode === undefined ? a.programmeCode : patch.programmeCode;
      if (a.programmeCode && programmeCode !== a.programmeCode)
        throw new ConflictError(`该账户已指定用于项目 ${a.programmeCode}，不能改为其他项目（已入账的资金按原项目记账）`, [
          { path: 'programmeCode', message: `该账户已指定用于项目 ${a.programmeCode}` },
        ]);
      if (programmeCode !== a.programmeCode) await programmeCheck(programmeCode, a.ownerPath);
      const set = { name: patch.name ?? a.name, programmeCode, updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        await repo.updateAccount(trx, id, set);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'fund_account',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { before: { name: a.name, programmeCode: a.programmeCode }, after: { name: set.name, programmeCode } },
        });
      });
      return presentAccount({ ...a, ...set });
    },

    async createAccount(actor: Actor, input: CreateFundAccount): Promise<FundAccount> {
      const scope = requirePermission(actor, 'funds.write');
      const ownerOrgId = scope.paths[0].split('/').filter(Boolean).pop()!;
      await programmeCheck(input.programmeCode, scope.paths[0]);
      if (await repo.findAccountByCode(db, ownerOrgId, input.code))
        throw new ConflictError('账户代码已存在', [{ path: 'code', message: '账户代码已存在' }]);
      const at = clock.now().toISOString();
      const goods = input.kind === 'goods';
      const row = {
        id: newId(),
        ownerOrgId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        programmeCode: input.programmeCode ?? null,
        item: goods ? (input.item ?? null) : null,
        unit: goods ? (input.unit ?? null) : null,
        unitValueFen: goods ? (input.unitValueFen ?? null) : null,
        balanceFen: 0,
        balanceQty: 0,
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertAccount(trx, row);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'fund_account',
          entityId: row.id,
          orgUnitId: ownerOrgId,
          detail: { after: { code: row.code, name: row.name, kind: row.kind, programmeCode: row.programmeCode } },
        });
      });
      return presentAccount(row);
    },

    async listJournal(actor: Actor, q: { accountId?: string; from?: string; to?: string; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'funds.read');
      const r = await repo.listEntries(db, scope, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const items: FundJournalEntry[] = r.entries.map((e) => ({
        id: e.id,
        seq: Number(e.seq),
        entryDate: e.entryDate,
        kind: e.kind,
        memo: e.memo,
        reversesEntryId: e.reversesEntryId,
        reversedByEntryId: e.reversedByEntryId,
        reason: e.reason,
        createdByName: e.createdByName,
        createdAt: e.createdAt,
        lines: r.lines
          .filter((l) => l.entryId === e.id)
          .map((l) => ({
            accountId: l.accountId,
            accountCode: l.accountCode,
            accountName: l.accountName,
            amountFen: Number(l.amountFen),
            quantity: Number(l.quantity),
          })),
      }));
      return { items, total: r.total, page: q.page, pageSize: q.pageSize };
    },
  };
}
