import { describe, expect, it } from 'vitest';
import { createChildSchema, createHelpSchema, leftBehindAgeProblem } from './index.js';

describe('left-behind children: pure rules', () => {
  it('takes children under 16 only (国发〔2016〕13号)', () => {
    expect(leftBehindAgeProblem(0)).toBeNull();
    expect(leftBehindAgeProblem(15)).toBeNull();
    expect(leftBehindAgeProblem(16)).toBe('留守儿童为不满16周岁的未成年人（该儿童登记时已满16周岁）');
    expect(leftBehindAgeProblem(-1)).toBe('出生日期晚于登记日期');
  });

  it('names each missing or wrong field of a registration', () => {
    const r = createChildSchema.safeParse({
      name: '',
      idNumber: '510303201501010021',
      residenceOrgId: 'x',
      situation: 'away',
      carerKind: 'grandparents',
      needs: ['study', 'money'],
      registeredOn: '2026-02-30',
    });
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['name', 'needs.1', 'registeredOn', 'residenceOrgId', 'situation']);
  });

  it('refuses a bank card that is not 12–19 digits', () => {
    const r = createHelpSchema.safeParse({
      kind: 'study',
      description: '书包文具',
      accountId: '01890000-0000-7000-8000-000000000000',
      amountFen: 20000,
      method: 'bank_transfer',
      bankCard: '6222-0000',
      givenOn: '2026-09-01',
      approvedBy: '01890000-0000-7000-8000-000000000000',
    });
    expect(r.error!.issues.map((i) => i.message)).toEqual(['银行卡号应为12–19位数字']);
  });
});
