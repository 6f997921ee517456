import { describe, expect, it } from 'vitest';
import { can, collapsePaths, pathInScope, requirePermission, type Actor } from './actor.js';
import { ForbiddenError } from './errors.js';

const actor = (grants: [Actor['grants'][number]['role'], string][]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  sessionId: 's',
  csrfToken: 'c',
  ip: null,
  mustChangePassword: false,
  grants: grants.map(([role, orgPath], i) => ({ id: String(i), role, orgUnitId: orgPath, orgPath, orgName: orgPath })),
});

describe('scope from role assignments', () => {
  it('collects the units of the roles that grant the permission, dropping those under another', () => {
    const a = actor([
      ['township_chair', '/d/t1/'],
      ['township_chair', '/d/t2/'],
      ['rights_officer', '/d/'],
      ['auditor', '/d/'],
    ]);
    expect(requirePermission(a, 'cases.write').paths).toEqual(['/d/']);
    expect(requirePermission(a, 'relief.write').paths).toEqual(['/d/t1/', '/d/t2/']);
    expect(requirePermission(a, 'audit.read').paths).toEqual(['/d/']);
  });

  it('refuses a permission no role grants', () => {
    expect(() => requirePermission(actor([['agency_user', '/d/a/']]), 'org.read')).toThrow(ForbiddenError);
    expect(can(actor([['agency_user', '/d/a/']]), 'referrals.respond')).toBe(true);
  });

  it('treats a path as inside a scope only under one of its roots', () => {
    const scope = { permission: 'org.read' as const, paths: ['/d/t1/'] };
    expect(pathInScope(scope, '/d/t1/')).toBe(true);
    expect(pathInScope(scope, '/d/t1/v1/')).toBe(true);
    expect(pathInScope(scope, '/d/t10/')).toBe(false);
    expect(pathInScope(scope, '/d/')).toBe(false);
  });

  it('collapses nested and duplicate paths', () => {
    expect(collapsePaths(['/a/b/', '/a/', '/c/', '/c/'])).toEqual(['/a/', '/c/']);
  });
});
