import type { FastifyReply } from 'fastify';
import {
  createOrderSchema,
  createTextbookSchema,
  orderAmountFen,
  orderProblems,
  orderStatus,
  shanghaiDate,
  updateOrderSchema,
  type OrderListQuery,
  type OrderTotals,
  type Textbook,
  type TextbookOrder,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError, ValidationError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { ordersExport, ordersImport, siteLookup } from './parentschools.excel.js';
import * as repo from './parentschools.repository.js';
import { homeUnit } from './parentschools.scope.js';
import { validate } from '../../platform/validate.js';

export type TextbooksService = ReturnType<typeof createTextbooksService>;
type OrderRow = NonNullable<Awaited<ReturnType<typeof repo.findOrder>>>;

function presentTextbook(b: Awaited<ReturnType<typeof repo.listTextbooks>>[number]): Textbook {
  return {
    id: b.id,
    title: b.title,
    publisher: b.publisher,
    gradeBand: b.gradeBand,
    unitPriceFen: Number(b.unitPriceFen),
    note: b.note,
  };
}
function presentOrder(r: OrderRow): TextbookOrder {
  const quantity = Number(r.quantity);
  const amountFen = orderAmountFen(quantity, Number(r.unitPriceFen));
  const collectedFen = Number(r.collectedFen);
  return {
    id: r.id,
    year: Number(r.year),
    siteId: r.siteId,
    siteName: r.siteName,
    ownerOrgName: r.ownerOrgName,
    textbookId: r.textbookId,
    title: r.title,
    unitPriceFen: Number(r.unitPriceFen),
    quantity,
    amountFen,
    collectedFen,
    paidFen: Number(r.paidFen),
    outstandingFen: amountFen - collectedFen,
    orderedOn: r.orderedOn,
    deliveredQty: Number(r.deliveredQty),
    deliveredOn: r.deliveredOn,
    status: orderStatus(quantity, Number(r.deliveredQty)),
    note: r.note,
  };
}
const refuse = (problems: { path: string; message: string }[]) => {
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
};

/** 教材征订: the textbook catalogue and each site's yearly order with the money collected, paid and the copies delivered. */
export function createTextbooksService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());
  async function loadOrder(actor: Actor, id: string, permission: 'parentschools.read' | 'parentschools.write') {
    const scope = requirePermission(actor, permission);
    const r = await repo.findOrder(db, id);
    if (!r || !pathInScope(scope, r.ownerOrgPath)) throw new NotFoundError('征订记录');
    return r;
  }

  return {
    async listTextbooks(actor: Actor) {
      requirePermission(actor, 'parentschools.read');
      return (await repo.listTextbooks(db)).map(presentTextbook);
    },

    /** Adds a title to the catalogue every unit orders from; the price is copied onto each order line when ordered. */
    async createTextbook(actor: Actor, body: unknown) {
      const home = homeUnit(actor);
      const v = validate(createTextbookSchema, body);
      if (await repo.findTextbookByTitle(db, v.title))
        throw new ConflictError('教材目录中已有该教材', [{ path: 'title', message: '教材目录中已有该教材' }]);
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertTextbooks(trx, [
            {
              id,
              ownerOrgId: home,
              title: v.title,
              publisher: v.publisher ?? null,
              gradeBand: v.gradeBand ?? null,
              unitPriceFen: v.unitPriceFen,
              note: v.note ?? null,
              createdBy: actor.userId,
              createdAt: at,
              updatedAt: at,
            },
          ]);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'parent_school_textbook',
            entityId: id,
            orgUnitId: home,
            detail: { after: { title: v.title, unitPriceFen: v.unitPriceFen } },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('教材目录中已有该教材', [{ path: 'title', message: '教材目录中已有该教材' }]);
        throw e;
      }
      return presentTextbook((await repo.findTextbook(db, id))!);
    },

    async listOrders(actor: Actor, q: OrderListQuery) {
      const scope = requirePermission(actor, 'parentschools.read');
      const { items, total } = await repo.listOrders(db, scope, q);
      return { items: items.map(presentOrder), total, page: q.page, pageSize: q.pageSize };
    },

    /** A year's totals in scope: copies, money due, collected and paid, copies delivered (one SQL aggregate). */
    async orderTotals(actor: Actor, year: number): Promise<OrderTotals> {
      const scope = requirePermission(actor, 'parentschools.read');
      const t = await repo.orderTotals(db, scope, year);
      const amountFen = Number(t.amountFen);
      const collectedFen = Number(t.collectedFen);
      return {
        year,
        orders: Number(t.orders),
        quantity: Number(t.quantity),
        amountFen,
        collectedFen,
        paidFen: Number(t.paidFen),
        deliveredQty: Number(t.deliveredQty),
        collectionRate: amountFen === 0 ? null : Math.round((collectedFen / amountFen) * 10000) / 100,
      };
    },

    async createOrder(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'parentschools.write');
      const v = validate(createOrderSchema, body);
      const site = await repo.findSite(db, v.siteId, v.year);
      if (!site || !pathInScope(scope, site.ownerOrgPath)) throw fieldError('siteId', '家长学校不存在或不在您的工作范围内');
      const book = await repo.findTextbook(db, v.textbookId);
      if (!book) throw fieldError('textbookId', '教材目录中没有该教材');
      if (v.orderedOn > today()) throw fieldError('orderedOn', '征订日期不能晚于今天');
      const unitPriceFen = Number(book.unitPriceFen);
      refuse(orderProblems({ ...v, unitPriceFen, deliveredQty: 0, deliveredOn: null }));
      const duplicate = () =>
        new ConflictError(`该家长学校${v.year}年度已征订该教材，请修改原征订记录`, [{ path: 'textbookId', message: '本年度已征订该教材' }]);
      if (await repo.findOrderLine(db, v.year, site.id, book.id)) throw duplicate();
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertOrders(trx, [
            {
              id,
              ownerOrgId: site.ownerOrgId,
              year: v.year,
              siteId: site.id,
              textbookId: book.id,
              quantity: v.quantity,
              unitPriceFen,
              collectedFen: v.collectedFen,
              paidFen: v.paidFen,
              orderedOn: v.orderedOn,
              deliveredQty: 0,
              deliveredOn: null,
              note: v.note ?? null,
              createdBy: actor.userId,
              createdAt: at,
              updatedAt: at,
            },
          ]);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'parent_school_order',
            entityId: id,
            orgUnitId: site.ownerOrgId,
            detail: { year: v.year, siteId: site.id, textbookId: book.id, quantity: v.quantity, collectedFen: v.collectedFen },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw duplicate();
        throw e;
      }
      return presentOrder((await repo.findOrder(db, id))!);
    },

    /** Records money collected or paid, copies delivered, or a changed quantity; the same rules as at ordering. */
    async updateOrder(actor: Actor, id: string, body: unknown) {
      const r = await loadOrder(actor, id, 'parentschools.write');
      const v = validate(updateOrderSchema, body);
      const next = {
        quantity: v.quantity ?? Number(r.quantity),
        unitPriceFen: Number(r.unitPriceFen),
        collectedFen: v.collectedFen ?? Number(r.collectedFen),
        paidFen: v.paidFen ?? Number(r.paidFen),
        deliveredQty: v.deliveredQty ?? Number(r.deliveredQty),
        deliveredOn: v.deliveredOn === undefined ? r.deliveredOn : v.deliveredOn,
        orderedOn: r.orderedOn,
      };
      if (next.deliveredOn && next.deliveredOn > today()) throw fieldError('deliveredOn', '到货日期不能晚于今天');
      refuse(orderProblems(next));
      const patch = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
      const changes = Object.fromEntries(Object.keys(patch).map((k) => [k, [r[k as keyof OrderRow] ?? null, patch[k] ?? null]]));
      await db.transaction().execute(async (trx) => {
        await repo.updateOrder(trx, id, { ...patch, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'parent_school_order',
          entityId: id,
          orgUnitId: r.ownerOrgId,
          detail: { changes },
        });
      });
      return presentOrder((await repo.findOrder(db, id))!);
    },

    async exportOrders(actor: Actor, q: Omit<OrderListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'parentschools.read');
      return sendExport(reply, excel, {
        actor,
        spec: ordersExport,
        rows: keysetRows((after, limit) => repo.listOrdersAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async ordersTemplate(actor: Actor, reply: FastifyReply) {
      const scope = requirePermission(actor, 'parentschools.write');
      return sendTemplate(reply, ordersImport(siteLookup(await repo.listSiteNames(db, scope))) as never);
    },
    /** The year's order sheet (one row per site and title), all or nothing. */
    async importOrders(actor: Actor, year: number, source: UploadSource) {
      const scope = requirePermission(actor, 'parentschools.write');
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: ordersImport(siteLookup(await repo.listSiteNames(db, scope))),
        targetKey: `orders:${home}:${year}`,
        orgUnitId: home,
        entityType: 'parent_school_order',
        context: { year, createdBy: actor.userId, clock, seen: new Map() },
      });
    },
  };
}
