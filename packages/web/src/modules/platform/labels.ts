type T = (zh: string, en: string) => string;

/** Names of the audit actions the platform and the org module write; other modules' actions show as written. */
export const AUDIT_ACTIONS: Record<string, [string, string]> = {
  login: ['登录', 'Sign in'],
  'login.failed': ['登录失败', 'Failed sign-in'],
  logout: ['退出登录', 'Sign out'],
  'account.locked': ['账户锁定', 'Account locked'],
  'account.unlock': ['账户解锁', 'Account unlocked'],
  'password.change': ['修改密码', 'Password changed'],
  'password.reset': ['重置密码', 'Password reset'],
  create: ['新建', 'Create'],
  update: ['修改', 'Update'],
  delete: ['删除', 'Delete'],
  move: ['移动', 'Move'],
  activate: ['启用', 'Activate'],
  deactivate: ['停用', 'Deactivate'],
  'role.assign': ['分配角色', 'Grant role'],
  'role.revoke': ['撤销角色', 'Revoke role'],
  'read.sensitive': ['查看敏感记录', 'Read sensitive record'],
  reveal: ['查看完整信息', 'Reveal'],
  install: ['系统初始化', 'Install'],
  'demo.seed': ['载入示例数据', 'Demo data'],
};

export const AUDIT_ENTITY_TYPES: Record<string, [string, string]> = {
  user: ['用户', 'User'],
  org_unit: ['单位', 'Org unit'],
  settings: ['安全设置', 'Settings'],
  system: ['系统', 'System'],
  person: ['人员', 'Person'],
  case: ['信访维权案件', 'Case'],
  referral: ['转介', 'Referral'],
};

export const auditActionLabel = (t: T, a: string) => (AUDIT_ACTIONS[a] ? t(...AUDIT_ACTIONS[a]) : a);
export const auditEntityLabel = (t: T, e: string) => (AUDIT_ENTITY_TYPES[e] ? t(...AUDIT_ENTITY_TYPES[e]) : e);
