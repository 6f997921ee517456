import { useRef } from 'react';

/** A mutation input that may carry the Idempotency-Key of the form that sent it. */
export type Keyed = { idempotencyKey?: string };

/**
 * A fresh Idempotency-Key (a random UUID v4). crypto.randomUUID exists only on HTTPS or localhost; getRandomValues
 * everywhere, and the app is also reached over plain HTTP on an office network.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One key per opening of a dialog (or page) that creates something: pressing the button again after a timeout or
 * an error sends the same key, so the server answers the first result instead of writing a second donation. A new
 * opening (open turns true again) gets a new key.
 */
export function useIdempotencyKey(open = true): string {
  const state = useRef<{ open: boolean; key: string } | null>(null);
  if (!state.current || (open && !state.current.open)) state.current = { open, key: newIdempotencyKey() };
  else state.current.open = open;
  return state.current.key;
}
