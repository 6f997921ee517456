import { describe, expect, it } from 'vitest';
import { parseMultiHostUrl } from './pg-hosts.js';

describe('multi-host DATABASE_URL', () => {
  it('splits the hosts and keeps user, database and other parameters on each', () => {
    expect(
      parseMultiHostUrl('postgres://u:p%40ss@10.0.0.1:5432,10.0.0.2:5433/jinguo?target_session_attrs=read-write&sslmode=require'),
    ).toEqual({
      urls: ['postgres://u:p%40ss@10.0.0.1:5432/jinguo?sslmode=require', 'postgres://u:p%40ss@10.0.0.2:5433/jinguo?sslmode=require'],
      attrs: 'read-write',
    });
    // Two hosts without the parameter: libpq's default is "any", but an app that writes wants the primary.
    expect(parseMultiHostUrl('postgresql://a,b/db')?.attrs).toBe('read-write');
    expect(parseMultiHostUrl('postgres://a/db?target_session_attrs=any')).toEqual({ urls: ['postgres://a/db'], attrs: 'any' });
  });

  it('leaves a plain URL to node-postgres, and names a bad session kind', () => {
    expect(parseMultiHostUrl('postgres://u:p@127.0.0.1:5432/jinguo')).toBeNull();
    expect(() => parseMultiHostUrl('postgres://a,b/db?target_session_attrs=standby')).toThrow(
      'target_session_attrs must be read-write, primary or any, got standby',
    );
  });
});
