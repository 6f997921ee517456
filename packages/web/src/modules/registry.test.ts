import { type Permission, ROLE_PERMISSIONS, type Role } from '@jinguo/domain';
import { describe, expect, it } from 'vitest';
import { WEB_MODULES } from './index';
import { routePermissions } from './registry';

const allRoutes = WEB_MODULES.flatMap((m) => [...m.routes, ...(m.bareRoutes ?? [])].map((r) => ({ m, r })));
const permissionsOf = (path: string) => {
  const found = allRoutes.find(({ r }) => r.path === path);
  if (!found) throw new Error(`no route ${path}`);
  return routePermissions(found.m, found.r);
};
const opens = (role: Role, path: string) => (permissionsOf(path) ?? []).some((p) => ROLE_PERMISSIONS[role].includes(p as Permission));

describe('route permissions from the module registry', () => {
  it('gives every signed-in route a permission (a route without one opens for nobody)', () => {
    const without = allRoutes.filter(({ m, r }) => !routePermissions(m, r)?.length).map(({ r }) => r.path);
    expect(without).toEqual([]);
  });

  it("takes a route's permission from the nearest menu entry above it, or its own", () => {
    expect(permissionsOf('/cases')).toEqual(['cases.read']);
    expect(permissionsOf('/cases/:id')).toEqual(['cases.read']);
    // `/cases-new` is not below `/cases`; `/cases/new` registers a case, which reading does not allow.
    expect(permissionsOf('/cases-new')).toEqual(['cases.write']);
    expect(permissionsOf('/cases/new')).toEqual(['cases.write']);
    expect(permissionsOf('/indicators')).toEqual(['indicators.read']);
    expect(permissionsOf('/indicators/entry')).toEqual(['indicators.submit']);
    expect(permissionsOf('/funds/donations/:id/receipt')).toEqual(['funds.read']);
    expect(permissionsOf('/activities/:id/edit')).toEqual(['activities.write']);
    expect(permissionsOf('/print/referrals/:id')).toEqual(['cases.write']);
  });

  it('keeps the auditor out of the cases and the township chair out of indicator entry', () => {
    expect(opens('auditor', '/cases')).toBe(false);
    expect(opens('auditor', '/audit')).toBe(true);
    expect(opens('township_chair', '/indicators/entry')).toBe(false);
    expect(opens('township_chair', '/cases')).toBe(true);
    expect(opens('department_liaison', '/indicators/entry')).toBe(true);
  });
});
