/** The one source of "now", so tests can move time (session timeouts, lockouts, deadlines). */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}
