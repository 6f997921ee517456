// Look-ups other modules make in the org tree (through the front door, index.ts): the township a residence
// belongs to, and the units an Excel import may name.
import type { Executor } from '../../db/database.js';
import type { Scope } from '../../platform/actor.js';
import type { CellParser } from '../../platform/excel.js';
import { listActiveUnitsInScope } from './lookups.repository.js';
import { findUnit } from './org.repository.js';

/** The township (or street) a residence belongs to: the unit that screens and owns an application for someone living there. */
export async function townshipOf(db: Executor, unitId: string) {
  const unit = await findUnit(db, unitId);
  if (!unit) return null;
  if (unit.kind === 'township' || unit.kind === 'street') return { township: unit, village: null };
  if ((unit.kind === 'village' || unit.kind === 'community') && unit.parentId) {
    const parent = await findUnit(db, unit.parentId);
    if (parent && (parent.kind === 'township' || parent.kind === 'street')) return { township: parent, village: unit };
  }
  return null;
}

export type UnitRef = { id: string; kind: string };
/** Org units the caller may write for, by name and by code, for the "organising unit" column. */
export type UnitLookup = Map<string, UnitRef | 'ambiguous'>;

export async function loadUnitLookup(db: Executor, scope: Scope): Promise<UnitLookup> {
  const units = await listActiveUnitsInScope(db, scope);
  const map: UnitLookup = new Map();
  for (const u of units) {
    map.set(u.name, map.has(u.name) ? 'ambiguous' : { id: u.id, kind: u.kind });
    if (u.code) map.set(u.code, { id: u.id, kind: u.kind });
  }
  return map;
}

/** A unit named in a cell: one the caller may write for, by its name or code. */
export function unitCell(units: UnitLookup): CellParser<string> {
  return (t) => {
    const u = units.get(t);
    if (!u) return { error: '单位不存在或不在您的工作范围内' };
    if (u === 'ambiguous') return { error: '有多个同名单位，请填写单位代码' };
    return { value: u.id };
  };
}
