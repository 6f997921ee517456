export { PageHeader } from './PageHeader';
export { applyServerErrors } from './errors';
export { QueryState } from './QueryState';
export { formatYuan } from './format';
