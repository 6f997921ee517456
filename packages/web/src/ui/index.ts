export { PageHeader } from './PageHeader';
export { applyServerErrors, isForbidden } from './errors';
export { QueryState } from './QueryState';
export { formatDateTime, formatYuan, thisYear } from './format';
export { OrgUnitSelect, type OrgUnitSelectProps } from './OrgUnitSelect';
export { useDebounced } from './useDebounced';
export { newIdempotencyKey, useIdempotencyKey } from './idempotency';
export { isStaleEdit, useStaleEditHandler } from './stale';
export { NoAccess } from './NoAccess';
