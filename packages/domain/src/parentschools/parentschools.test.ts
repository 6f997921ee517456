import { describe, expect, it } from 'vitest';
import { createClassSchema, createSiteSchema, orderAmountFen, orderProblems, orderStatus, siteOpenOn } from './index.js';

const order = {
  quantity: 100,
  unitPriceFen: 1250,
  collectedFen: 0,
  paidFen: 0,
  deliveredQty: 0,
  deliveredOn: null,
  orderedOn: '2026-03-01',
};

describe('parent schools: pure rules', () => {
  it('a site counts from its opening day until the day it closes', () => {
    const site = { establishedOn: '2026-03-01', closedOn: '2026-09-01' };
    expect(siteOpenOn(site, '2026-02-28')).toBe(false);
    expect(siteOpenOn(site, '2026-03-01')).toBe(true);
    expect(siteOpenOn(site, '2026-08-31')).toBe(true);
    expect(siteOpenOn(site, '2026-09-01')).toBe(false);
    expect(siteOpenOn({ establishedOn: '2020-01-01', closedOn: null }, '2030-01-01')).toBe(true);
  });

  it('an order costs quantity × unit price; its status follows what arrived', () => {
    expect(orderAmountFen(100, 1250)).toBe(125000);
    expect(orderStatus(100, 0)).toBe('ordered');
    expect(orderStatus(100, 40)).toBe('partly_delivered');
    expect(orderStatus(100, 100)).toBe('delivered');
  });

  it('refuses money beyond the order’s amount and copies beyond those ordered, naming the field', () => {
    expect(orderProblems(order)).toEqual([]);
    expect(orderProblems({ ...order, collectedFen: 125001, paidFen: 125001 }).map((p) => p.path)).toEqual(['collectedFen', 'paidFen']);
    expect(orderProblems({ ...order, collectedFen: 125000, paidFen: 125000 })).toEqual([]);
    expect(orderProblems({ ...order, deliveredQty: 101, deliveredOn: '2026-04-01' }).map((p) => p.path)).toEqual(['deliveredQty']);
    expect(orderProblems({ ...order, deliveredQty: 10 }).map((p) => p.message)).toEqual(['请填写到货日期']);
    expect(orderProblems({ ...order, deliveredQty: 10, deliveredOn: '2026-02-01' }).map((p) => p.message)).toEqual([
      '到货日期不能早于征订日期',
    ]);
  });

  it('a site needs a host (a unit or its name); a class a teacher and half-hour steps', () => {
    const site = {
      ownerOrgId: '01890000-0000-7000-8000-000000000000',
      name: '永嘉小学家长学校',
      kind: 'school',
      establishedOn: '2026-03-01',
    };
    expect(createSiteSchema.safeParse(site).error!.issues.map((i) => i.path.join('.'))).toEqual(['hostName']);
    expect(createSiteSchema.safeParse({ ...site, hostName: '永嘉小学' }).success).toBe(true);
    const cls = { siteId: site.ownerOrgId, heldOn: '2026-04-01', topic: '家校共育', hours: 1.25, attendance: 40 };
    expect(
      createClassSchema
        .safeParse(cls)
        .error!.issues.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['hours', 'teacherName']);
  });
});
