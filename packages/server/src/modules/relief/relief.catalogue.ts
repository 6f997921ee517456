import { eligibilityRulesSchema } from '@jinguo/domain';
import type { ProgrammeCatalogue } from '../funds/index.js';
import { findProgrammeByCodeFor, programmeNamesByCode } from './relief.repository.js';

/** Relief's programmes as the ledger sees them: the codes money is earmarked for (wired in modules/index.ts). */
export const programmeCatalogue: ProgrammeCatalogue = {
  async findFor(db, code, unitPath) {
    const p = await findProgrammeByCodeFor(db, code, unitPath);
    return p && { name: p.name, transferOnly: eligibilityRulesSchema.parse(JSON.parse(p.rules)).transferOnly };
  },
  namesByCode: programmeNamesByCode,
};
