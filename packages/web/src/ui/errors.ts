import type { FormInstance } from 'antd';
import { ApiError } from '../app/api';

/** The server refused for lack of a permission (403 FORBIDDEN; not CSRF or a pending password change, also 403s). */
export function isForbidden(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 403 && err.code === 'FORBIDDEN';
}

/** Puts a server validation error's field messages on the form's fields; returns the message for anything else. */
export function applyServerErrors(form: FormInstance | null, err: unknown): string {
  if (isForbidden(err)) return `无权访问：${err.message}`;
  if (err instanceof ApiError) {
    if (form && err.fields?.length) {
      const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
      const onForm = err.fields.filter((f) => known.has(f.path.split('.')[0]));
      form.setFields(onForm.map((f) => ({ name: f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] })));
    }
    return err.message;
  }
  return err instanceof Error ? err.message : '操作失败';
}
