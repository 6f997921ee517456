import {
  isValidCreditCode,
  isValidPhone,
  maskPhone,
  normalizePhone,
  termDueOn,
  termsBetween,
  type DuePayment,
  type Sponsor,
} from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './sponsorship.repository.js';
import { findPerson, personInScope } from '../people/index.js';
import type { SponsorshipContext } from './sponsorship.context.js';

/** Sponsors and their pairings with students (结对), and the terms due. */
export function createPairingService(ctx: SponsorshipContext) {
  const { db, clock, cipher, today, ownerOf, studentNameFor, presentPairing, presentSponsor, loadPairing } = ctx;
  return {
    // ---------- sponsors ----------

    async listSponsors(actor: Actor): Promise<Sponsor[]> {
      return (await repo.listSponsors(db, requirePermission(actor, 'sponsorship.read'))).map(presentSponsor);
    },

    async createSponsor(
      actor: Actor,
      input: {
        kind: 'person' | 'organisation';
        name: string;
        personId?: string | null;
        creditCode?: string | null;
        phone?: string | null;
        note?: string | null;
      },
    ): Promise<Sponsor> {
      const scope = requirePermission(actor, 'sponsorship.write');
      if (input.creditCode && !isValidCreditCode(input.creditCode.toUpperCase())) throw fieldError('creditCode', '统一社会信用代码不正确');
      if (input.phone && !isValidPhone(input.phone)) throw fieldError('phone', '电话号码格式不正确');
      if (input.personId) {
        const p = await findPerson(db, input.personId);
        if (!p || p.mergedIntoId || !personInScope(scope, p)) throw fieldError('personId', '人员不存在或不在您的工作范围内');
      }
      const id = newId();
      const at = clock.now().toISOString();
      const ownerOrgId = ownerOf(scope);
      const phone = input.phone ? normalizePhone(input.phone) : null;
      await db.transaction().execute(async (trx) => {
        await repo.insertSponsor(trx, {
          id,
          ownerOrgId,
          kind: input.kind,
          personId: input.personId ?? null,
          name: input.name,
          creditCode: input.creditCode?.toUpperCase() ?? null,
          phoneEnc: phone ? cipher.encrypt(phone) : null,
          phoneMasked: maskPhone(phone),
          note: input.note ?? null,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'sponsorship_sponsor',
          entityId: id,
          orgUnitId: ownerOrgId,
          detail: { kind: input.kind, name: input.name },
        });
      });
      return presentSponsor((await repo.findSponsor(db, id))!);
    },

    // ---------- pairings ----------

    async listPairings(actor: Actor, q: { studentId?: string; sponsorId?: string }) {
      const scope = requirePermission(actor, 'sponsorship.read');
      return (await repo.listPairings(db, scope, q)).map((p) => presentPairing(actor, p));
    },

    /** Pairs a girl with a sponsor for a range of terms at a fixed amount per term (一助一 or several sponsors for one girl). */
    async createPairing(
      actor: Actor,
      input: { studentId: string; sponsorId: string; startTerm: string; endTerm: string; amountPerTermFen: number; note?: string | null },
    ) {
      const scope = requirePermission(actor, 'sponsorship.write');
      const s = await repo.findStudent(db, input.studentId);
      if (!s || !pathInScope(scope, s.ownerPath)) throw fieldError('studentId', '受助学生不存在');
      if (s.status !== 'active') throw fieldError('studentId', '该学生不在受助状态');
      const sp = await repo.findSponsor(db, input.sponsorId);
      if (!sp || !pathInScope(scope, sp.ownerPath)) throw fieldError('sponsorId', '资助人不存在');
      if (termsBetween(input.startTerm, input.endTerm).length > 16) throw fieldError('endTerm', '一次结对最长8年（16个学期）');
      if ((await repo.listPairings(db, scope, { studentId: s.id, sponsorId: sp.id, activeOnly: true })).length)
        throw new ConflictError('该资助人与该学生已有进行中的结对');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertPairing(trx, {
          id,
          ownerOrgId: s.ownerOrgId,
          studentId: s.id,
          sponsorId: sp.id,
          startTerm: input.startTerm,
          endTerm: input.endTerm,
          amountPerTermFen: input.amountPerTermFen,
          status: 'active',
          endedReason: null,
          note: input.note ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'sponsorship_pairing',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: {
            studentId: s.id,
            sponsorId: sp.id,
            startTerm: input.startTerm,
            endTerm: input.endTerm,
            amountPerTermFen: input.amountPerTermFen,
          },
        });
      });
      return presentPairing(actor, (await repo.findPairing(db, id))!);
    },

    async endPairing(actor: Actor, id: string, reason: string) {
      const p = await loadPairing(actor, 'sponsorship.write', id);
      if (p.status !== 'active') throw new ConflictError('该结对已结束');
      await db.transaction().execute(async (trx) => {
        await repo.updatePairing(trx, id, { status: 'ended', endedReason: reason, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'end',
          entityType: 'sponsorship_pairing',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { reason },
        });
      });
      return presentPairing(actor, (await repo.findPairing(db, id))!);
    },

    /** For every active pairing: its unpaid terms already due (overdue) and its next term — the finance officer's work list. */
    async duePayments(actor: Actor): Promise<DuePayment[]> {
      const scope = requirePermission(actor, 'sponsorship.read');
      const pairings = await repo.listPairings(db, scope, { activeOnly: true });
      const paid = await repo.paidTerms(
        db,
        pairings.map((p) => p.id),
      );
      const done = new Set(paid.map((p) => `${p.pairingId}|${p.term}`));
      const out: DuePayment[] = [];
      for (const p of pairings) {
        let upcoming = false;
        for (const term of termsBetween(p.startTerm, p.endTerm)) {
          const dueOn = termDueOn(term);
          if (done.has(`${p.id}|${term}`)) continue;
          const overdue = dueOn < today();
          if (!overdue) {
            if (upcoming) break;
            upcoming = true;
          }
          out.push({
            pairingId: p.id,
            studentId: p.studentId,
            studentName: studentNameFor(actor, p.studentName, p.birthDate),
            sponsorName: p.sponsorName,
            term,
            dueOn,
            amountFen: Number(p.amountPerTermFen),
            overdue,
          });
        }
      }
      return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.studentName.localeCompare(b.studentName));
    },
  };
}
