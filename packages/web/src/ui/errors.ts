import type { FormInstance } from 'antd';
import { ApiError } from '../app/api';

/** Puts a server validation error's field messages on the form's fields; returns the message for anything else. */
export function applyServerErrors(form: FormInstance | null, err: unknown): string {
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
