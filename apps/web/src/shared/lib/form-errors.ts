import type { FormInstance } from 'antd';
import { isApiError } from '../../api/api-error.ts';

/** "body.admin.password" / "/admin/password" / "roleIds.0" → ['admin','password'] / ['roleIds', 0] */
export function detailPathToName(path: string): Array<string | number> {
  return path
    .replace(/^\/+/, '')
    .split(/[./]/)
    .filter((part) => part !== '' && part !== 'body')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts server validation details beside the form fields they name.
 * Returns true when at least one detail landed on a registered field.
 */
export function applyFormErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || error.details.length === 0) return false;
  const known = new Set(
    Object.keys(form.getFieldsValue(true) as Record<string, unknown>).map((name) => JSON.stringify([name])),
  );
  const fields = error.details
    .map((detail) => ({ name: detailPathToName(detail.path), errors: [detail.message] }))
    .filter((field) => field.name.length > 0);
  const registered = fields.filter(
    (field) => known.has(JSON.stringify(field.name.slice(0, 1))) || form.getFieldInstance(field.name) != null,
  );
  if (registered.length > 0) form.setFields(registered);
  return registered.length > 0;
}
