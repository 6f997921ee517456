/** Mobile (optional +86/0086), landline with area code, or a short service number such as 12338. */
export function isValidPhone(raw: string): boolean {
  const p = raw.replace(/[\s-]/g, '');
  return /^((\+|00)86)?1[3-9]\d{9}$/.test(p) || /^0\d{2,3}\d{7,8}$/.test(p) || /^\d{5}$/.test(p);
}
