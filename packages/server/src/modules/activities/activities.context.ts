import { permissionsOf, type createEventSchema } from '@jinguo/domain';
import type { Db, DialectName, Executor } from '../../db/database.js';
import { can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { TraineeImportRow } from './activities.training.excel.js';
import * as repo from './activities.repository.js';
import { presentCourseRow, presentSession } from './activities.present.js';
import { findUnit } from '../org/index.js';
import { findOrCreatePerson } from '../people/index.js';

export type ActivitiesDeps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher; filesDir: string };

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const RESIDENCE_KINDS = new Set(['village', 'community', 'township', 'street', 'federation']);

/** What the parts of the activities service share: loading in scope, the event view, the rows an event is stored as. */
export function createActivitiesContext(deps: ActivitiesDeps) {
  const { db, clock, cipher } = deps;
  const excel = { db, clock };

  /** The unit must exist and lie in the caller's scope for the permission. */
  async function unitInScope(scope: Scope, id: string, field = 'ownerOrgId', label = '主办单位') {
    const unit = await findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw fieldError(field, `${label}不存在或不在您的工作范围内`);
    if (!unit.active) throw fieldError(field, `${label}已停用`);
    return unit;
  }

  async function loadEvent(actor: Actor, id: string, permission: 'activities.read' | 'activities.write') {
    const scope = requirePermission(actor, permission);
    const event = await repo.findEvent(db, id);
    if (!event || !pathInScope(scope, event.ownerOrgPath)) throw new NotFoundError('活动');
    return { event, scope };
  }

  async function loadCourse(actor: Actor, id: string, permission: 'activities.read' | 'activities.write') {
    const scope = requirePermission(actor, permission);
    const course = await repo.findCourse(db, id);
    if (!course || !pathInScope(scope, course.ownerOrgPath)) throw new NotFoundError('培训班');
    return { course, scope };
  }

  async function loadSession(actor: Actor, id: string, permission: 'activities.read' | 'activities.write') {
    // The permission first (403), so a caller without it is not told 404 for a session that exists.
    requirePermission(actor, permission);
    const session = await repo.findSession(db, id);
    if (!session) throw new NotFoundError('培训期次');
    const { course, scope } = await loadCourse(actor, session.courseId, permission).catch(() => {
      throw new NotFoundError('培训期次');
    });
    return { session, course, scope };
  }

  async function checkAssociation(scope: Scope, associationId: string | null | undefined) {
    if (!associationId) return;
    const a = await db
      .selectFrom('associations as a')
      .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
      .select(['a.id', 'o.path'])
      .where('a.id', '=', associationId)
      .executeTakeFirst();
    if (!a || !pathInScope(scope, a.path)) throw fieldError('associationId', '协会不存在或不在您的工作范围内');
  }

  /** The unit an import of a whole list is recorded against: the caller's first unit for the permission. */
  function homeUnit(actor: Actor, permission: 'activities.write') {
    requirePermission(actor, permission);
    return actor.grants.find((g) => permissionsOf(g.role).includes(permission))!.orgUnitId;
  }

  async function presentEvent(actor: Actor, id: string) {
    const event = (await repo.findEvent(db, id))!;
    const [resources, photos, roster] = await Promise.all([repo.listResources(db, id), repo.listPhotos(db, id), repo.rosterCounts(db, id)]);
    const writeScope = can(actor, 'activities.write') ? requirePermission(actor, 'activities.write') : null;
    return {
      id: event.id,
      type: event.type,
      title: event.title,
      startDate: event.startDate,
      endDate: event.endDate,
      ownerOrgId: event.ownerOrgId,
      ownerOrgName: event.ownerOrgName,
      venue: event.venue,
      participantMode: event.participantMode,
      participantCount: Number(event.participantCount),
      unitsVisited: Number(event.unitsVisited),
      goodDeeds: Number(event.goodDeeds),
      performances: Number(event.performances),
      resourceQuantity: resources.reduce((a, r) => a + Number(r.quantity), 0),
      resourceValueFen: resources.reduce((a, r) => a + Number(r.valueFen), 0),
      partnerUnits: JSON.parse(event.partnerUnits) as string[],
      targetGroup: event.targetGroup,
      groupCounts: JSON.parse(event.groupCounts) as Record<string, number>,
      visitedUnitNames: JSON.parse(event.visitedUnitNames) as string[],
      associationId: event.associationId,
      associationName: event.associationName ?? null,
      description: event.description,
      resources: resources.map((r) => ({
        id: r.id,
        category: r.category,
        item: r.item,
        quantity: Number(r.quantity),
        valueFen: Number(r.valueFen),
        note: r.note,
      })),
      photos: photos.map((p) => ({ id: p.id, fileName: p.fileName, caption: p.caption, size: Number(p.size) })),
      rosterCount: roster.total,
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
      canEdit: !!writeScope && pathInScope(writeScope, event.ownerOrgPath),
      version: Number(event.version),
    };
  }

  function eventRow(input: ReturnType<typeof createEventSchema.parse>, roster: { total: number; groups: Record<string, number> } | null) {
    const rosterMode = input.participantMode === 'roster';
    return {
      ownerOrgId: input.ownerOrgId,
      type: input.type,
      title: input.title,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      partnerUnits: JSON.stringify(input.partnerUnits),
      venue: input.venue ?? null,
      targetGroup: input.targetGroup ?? null,
      participantMode: input.participantMode,
      // In roster mode the figure is the roster's size, never a typed number.
      participantCount: rosterMode ? (roster?.total ?? 0) : input.participantCount,
      groupCounts: JSON.stringify(rosterMode ? (roster?.groups ?? {}) : input.groupCounts),
      unitsVisited: input.unitsVisited,
      visitedUnitNames: JSON.stringify(input.visitedUnitNames),
      goodDeeds: input.goodDeeds,
      performances: input.performances,
      associationId: input.associationId ?? null,
      description: input.description ?? null,
    };
  }

  function resourceRows(eventId: string, ownerOrgId: string, lines: ReturnType<typeof createEventSchema.parse>['resources']) {
    return lines.map((l, i) => ({
      id: newId(),
      eventId,
      ownerOrgId,
      category: l.category,
      item: l.item,
      quantity: l.quantity,
      valueFen: l.valueFen,
      note: l.note ?? null,
      sortOrder: i,
    }));
  }

  /** Registers a trainee with an ID number in the people registry (one person, one row); without one, no link. */
  function traineePersonLinker(actor: Actor, ownerOrgId: string, residenceOrgId: string) {
    return async (trx: Executor, row: Pick<TraineeImportRow, 'name' | 'gender' | 'idNumber' | 'phone'>) => {
      if (!row.idNumber) return null;
      const p = await findOrCreatePerson(
        trx,
        { cipher, clock, actor },
        { name: row.name, gender: row.gender, idNumber: row.idNumber, phone: row.phone, residenceOrgId, ownerOrgId },
      );
      return p.id;
    };
  }
  async function residenceFor(ownerOrgId: string) {
    // A trainee's residence defaults to the organising unit when it is a place, else the federation at the top.
    const unit = await findUnit(db, ownerOrgId);
    if (unit && RESIDENCE_KINDS.has(unit.kind)) return unit.id;
    const rootId = unit?.path.split('/').filter(Boolean)[0];
    return rootId ?? ownerOrgId;
  }

  /** One course with its sessions (what getCourse answers, and what a change to a course or a session returns). */
  async function courseDetail(actor: Actor, id: string) {
    const { course } = await loadCourse(actor, id, 'activities.read');
    const sessions = await repo.listSessions(db, id);
    const writeScope = can(actor, 'activities.write') ? requirePermission(actor, 'activities.write') : null;
    return {
      ...presentCourseRow(course),
      description: course.description,
      sessionList: sessions.map(presentSession),
      canEdit: !!writeScope && pathInScope(writeScope, course.ownerOrgPath),
      version: Number(course.version),
    };
  }

  return {
    ...deps,
    excel,
    unitInScope,
    loadEvent,
    loadCourse,
    loadSession,
    checkAssociation,
    homeUnit,
    presentEvent,
    eventRow,
    resourceRows,
    traineePersonLinker,
    residenceFor,
    courseDetail,
  };
}

export type ActivitiesContext = ReturnType<typeof createActivitiesContext>;
