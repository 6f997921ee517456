import { maskBankCard, type Diagnosis, type PaymentMethod, type ReliefVerdict } from '@jinguo/domain';
import type { FieldCipher } from '../../platform/crypto.js';
import type { ReliefApplicationsTable } from './relief.tables.js';

/**
 * A new application's row, as the form (createApplication) and the screening import both store it: submitted, its
 * diagnosis and bank card encrypted, the card masked, the verdict kept beside the eligible flag, every later step empty.
 * One builder, so a column added to the table is filled the same way on both paths.
 */
export function newApplicationRow(
  cipher: FieldCipher,
  a: {
    id: string;
    ownerOrgId: string;
    villageOrgId: string | null;
    programmeId: string;
    personId: string;
    householdId: string | null;
    appliedOn: string;
    householdIncomeFen: number;
    householdMembers: number;
    tags: string[];
    diagnosis: Diagnosis | null;
    paymentMethod: PaymentMethod;
    bankCard: string | null;
    verdict: ReliefVerdict;
    source: 'manual' | 'import';
    importBatch: string | null;
    note: string | null;
    createdBy: string;
    at: string;
  },
): ReliefApplicationsTable {
  return {
    id: a.id,
    ownerOrgId: a.ownerOrgId,
    villageOrgId: a.villageOrgId,
    programmeId: a.programmeId,
    personId: a.personId,
    householdId: a.householdId,
    status: 'submitted',
    appliedOn: a.appliedOn,
    householdIncomeFen: a.householdIncomeFen,
    householdMembers: a.householdMembers,
    tags: JSON.stringify(a.tags),
    diagnosisEnc: a.diagnosis ? cipher.encrypt(JSON.stringify(a.diagnosis)) : null,
    paymentMethod: a.paymentMethod,
    bankCardEnc: a.bankCard ? cipher.encrypt(a.bankCard) : null,
    bankCardMasked: a.bankCard ? maskBankCard(a.bankCard) : null,
    verdict: JSON.stringify(a.verdict),
    eligible: a.verdict.eligible ? 1 : 0,
    overrideReason: null,
    overrideBy: null,
    rejectReason: null,
    grantAmountFen: null,
    disbursementId: null,
    source: a.source,
    importBatch: a.importBatch,
    note: a.note,
    verifiedBy: null,
    verifiedOn: null,
    decidedBy: null,
    decidedOn: null,
    reportedOn: null,
    grantedBy: null,
    grantedOn: null,
    paidOn: null,
    createdBy: a.createdBy,
    createdAt: a.at,
    updatedAt: a.at,
  };
}
