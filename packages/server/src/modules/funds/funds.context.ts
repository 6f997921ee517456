import { shanghaiDate } from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { pathInScope, type Scope } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import * as repo from './funds.repository.js';
import type { ProgrammeCatalogue } from './programmes.js';

export type FundsDeps = { db: Db; clock: Clock; cipher: FieldCipher; programmes: ProgrammeCatalogue };
type AccountRow = NonNullable<Awaited<ReturnType<typeof repo.findAccount>>>;

/** What the parts of the ledger's service share: accounts, donations and payouts loaded in scope, programme checks. */
export function createFundsContext(deps: FundsDeps) {
  const { db, clock, programmes } = deps;
  const today = () => shanghaiDate(clock.now());

  /** Is the programme (as the account's unit knows it) restricted to bank transfer (两癌救助)? The ledger enforces it on every payment. */
  async function programmeIsTransferOnly(code: string | null, unitPath: string): Promise<boolean> {
    if (!code) return false;
    return (await programmes.findFor(db, code, unitPath))?.transferOnly ?? false;
  }

  async function accountInScope(scope: Scope, id: string, field = 'accountId'): Promise<AccountRow> {
    const a = await repo.findAccount(db, id);
    if (!a || !pathInScope(scope, a.ownerPath)) throw fieldError(field, '账户不存在或无权使用');
    if (!a.active) throw fieldError(field, '账户已停用');
    return a;
  }

  /** A programme code the unit knows: one of its own programmes or of the units above it, not another district's. */
  async function programmeCheck(code: string | null | undefined, unitPath: string, field = 'programmeCode') {
    if (!code) return null;
    const p = await programmes.findFor(db, code, unitPath);
    if (!p) throw fieldError(field, `项目代码 ${code} 不存在`);
    return p;
  }

  async function loadDonation(scope: Scope, id: string) {
    const d = await repo.findDonation(db, id);
    if (!d || !pathInScope(scope, d.ownerPath)) throw new NotFoundError('捐赠记录');
    return d;
  }

  async function loadDisbursement(scope: Scope, id: string) {
    const d = await repo.findDisbursement(db, id);
    if (!d || !pathInScope(scope, d.ownerPath)) throw new NotFoundError('拨付记录');
    return d;
  }

  return { ...deps, today, programmeIsTransferOnly, accountInScope, programmeCheck, loadDonation, loadDisbursement };
}

export type FundsContext = ReturnType<typeof createFundsContext>;
