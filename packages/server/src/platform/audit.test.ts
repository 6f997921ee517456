import { describe, expect, it } from 'vitest';
import { auditInstant, diff, redact, REDACTED } from './audit.js';

describe('audit detail redaction', () => {
  it('hides the values of secret and sensitive keys at any depth, keeping that they were present', () => {
    const out = redact({
      username: 'rights',
      password: 'Jinguo-Demo-2026',
      newPassword: 'x',
      csrfToken: 't',
      passwordHash: 'scrypt$…',
      person: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', homeAddress: '大山村', bankCard: '6222…' },
      list: [{ diagnosis: '宫颈癌' }],
      nothing: null,
    });
    expect(out).toEqual({
      username: 'rights',
      password: REDACTED,
      newPassword: REDACTED,
      csrfToken: REDACTED,
      passwordHash: REDACTED,
      person: { name: '张三', idNumber: REDACTED, phone: REDACTED, homeAddress: REDACTED, bankCard: REDACTED },
      list: [{ diagnosis: REDACTED }],
      nothing: null,
    });
  });

  it('records an update as the fields that changed, redacting secret ones', () => {
    expect(diff({ name: '甲', code: '1', updatedAt: 'a', phone: '138' }, { name: '乙', code: '1', updatedAt: 'b', phone: '139' })).toEqual({
      name: ['甲', '乙'],
      phone: [REDACTED, REDACTED],
    });
  });
});

describe('audit search bounds', () => {
  it('reads a business date as the whole day in Asia/Shanghai', () => {
    expect(auditInstant('2026-11-29', 'start')).toBe('2026-11-28T16:00:00.000Z');
    expect(auditInstant('2026-11-29', 'end')).toBe('2026-11-29T16:00:00.000Z');
    expect(auditInstant('2026-12-31', 'end')).toBe('2026-12-31T16:00:00.000Z');
  });

  it('takes an ISO instant as given, normalised to UTC', () => {
    expect(auditInstant('2026-11-29T10:00:00+08:00', 'start')).toBe('2026-11-29T02:00:00.000Z');
  });
});
