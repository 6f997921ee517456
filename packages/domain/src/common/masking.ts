/** Display masking (domain.md §7): lists and exports show these unless the role may reveal and the reveal is audited. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const p = phone.replace(/[\s-]/g, '');
  if (p.length <= 5) return p; // short service numbers are public
  if (p.length === 11) return `${p.slice(0, 3)}****${p.slice(7)}`;
  return p.slice(0, 3) + '*'.repeat(p.length - 5) + p.slice(-2);
}

export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const chars = [...address];
  return `${chars.slice(0, Math.min(6, Math.ceil(chars.length / 3))).join('')}****`;
}

export function maskBankCard(card: string | null | undefined): string | null {
  if (!card) return null;
  const c = card.replace(/\s/g, '');
  return `**** ${c.slice(-4)}`;
}
