import { sql } from 'kysely';
import { type DatabaseHandle, type Db, openDatabase } from '../db/database.js';
import type { Actor } from './actor.js';

/**
 * Heavy reads on PostgreSQL read replicas (DATABASE_REPLICA_URL, one or more, comma-separated): the figures behind
 * the dashboard, the summaries and their drill-downs (the fact engine asks `forReader`). Everything else — every
 * write, every record page, every list — stays on the primary.
 *
 * - Read-your-writes: after a session's write commits, the primary's WAL position is kept in its session row
 *   (`noteWrite`); that session's heavy reads go to a replica only once the replica has replayed past it, otherwise
 *   to the primary. Other sessions read the replica as soon as it is healthy.
 * - A replica that does not answer within a second, is not streaming, or lags more than `maxLagSeconds` is skipped
 *   with a warning (at most one a minute per replica), never an error: the primary answers instead.
 * Without replicas (and always on SQLite) everything reads the primary and nothing is recorded.
 */
export type ReadRouter = {
  readonly enabled: boolean;
  /** The database to read heavy figures from for this caller (null: the system itself). */
  forReader(actor: Pick<Actor, 'lastWriteLsn'> | null): Promise<Db>;
  /** After a caller's write has committed: remember the primary's WAL position in her session. */
  noteWrite(sessionId: string): Promise<void>;
  /** Each replica as last checked (for /api/health/ready and /metrics). */
  status(): Promise<ReplicaStatus[]>;
  /** How many heavy reads went where, since start. */
  readonly reads: { primary: number; replica: number };
  close(): Promise<void>;
};

export type ReplicaStatus = { name: string; up: boolean; streaming: boolean; lagSeconds: number | null; replayLsn: string | null };

type Logger = { warn: (obj: unknown, msg: string) => void };

type Replica = {
  name: string;
  handle: DatabaseHandle;
  state: ReplicaStatus & { replay: bigint | null; checkedAt: number };
  checking: Promise<void> | null;
  warnedAt: number;
};

/** How long a replica's state is trusted before it is checked again. */
const CHECK_EVERY_MS = 1000;

/** A PostgreSQL LSN ("16/B374D848") as a number, for comparing positions. */
export function parseLsn(lsn: string | null | undefined): bigint | null {
  const m = lsn ? /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn) : null;
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** A replica named for the log without its password: host:port/database. */
function replicaName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}

export function createReadRouter(opts: {
  primary: DatabaseHandle;
  replicaUrls: string[];
  maxLagSeconds?: number;
  log?: Logger;
}): ReadRouter {
  const { primary } = opts;
  const maxLag = opts.maxLagSeconds ?? 30;
  const reads = { primary: 0, replica: 0 };
  const enabled = primary.dialect === 'postgres' && opts.replicaUrls.length > 0;
  const replicas: Replica[] = enabled
    ? opts.replicaUrls.map((url) => ({
        name: replicaName(url),
        handle: openDatabase({ url, connectTimeoutMs: 1000 }),
        state: { name: replicaName(url), up: false, streaming: false, lagSeconds: null, replayLsn: null, replay: null, checkedAt: 0 },
        checking: null,
        warnedAt: 0,
      }))
    : [];
  let turn = 0;

  function warn(r: Replica, why: string, err?: unknown) {
    const now = Date.now();
    if (now - r.warnedAt < 60_000) return;
    r.warnedAt = now;
    opts.log?.warn({ replica: r.name, why, ...(err ? { err } : {}) }, 'read replica skipped: reading from the primary');
  }

  async function check(r: Replica): Promise<void> {
    try {
      // Lag: 0 when it has replayed all it received, else the age of the last replayed transaction.
      const { rows } = await sql<{ recovery: boolean; streaming: boolean; replay: string | null; lag: number | null }>`
        SELECT pg_is_in_recovery() AS recovery,
               EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming,
               pg_last_wal_replay_lsn()::text AS replay,
               CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                    ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`.execute(r.handle.db);
      const row = rows[0];
      const up = !!row?.recovery;
      r.state = {
        name: r.name,
        up,
        streaming: !!row?.streaming,
        lagSeconds: row?.lag === null || row?.lag === undefined ? null : Number(row.lag),
        replayLsn: row?.replay ?? null,
        replay: parseLsn(row?.replay),
        checkedAt: Date.now(),
      };
      if (!up) warn(r, 'not a standby (promoted, or pointed at a primary)');
      else if (!r.state.streaming) warn(r, 'not streaming from the primary');
      else if ((r.state.lagSeconds ?? Infinity) > maxLag) warn(r, `lagging ${r.state.lagSeconds}s (limit ${maxLag}s)`);
    } catch (err) {
      r.state = { ...r.state, up: false, streaming: false, lagSeconds: null, checkedAt: Date.now() };
      warn(r, 'does not answer', err);
    }
  }

  function refresh(r: Replica, force = false): Promise<void> {
    if (!force && Date.now() - r.state.checkedAt < CHECK_EVERY_MS) return Promise.resolve();
    r.checking ??= check(r).finally(() => {
      r.checking = null;
    });
    return r.checking;
  }

  const usable = (r: Replica, need: bigint | null) =>
    r.state.up && r.state.streaming && (r.state.lagSeconds ?? Infinity) <= maxLag && (need === null || (r.state.replay ?? -1n) >= need);

  async function forReader(actor: Pick<Actor, 'lastWriteLsn'> | null): Promise<Db> {
    if (!enabled) return primary.db;
    const need = parseLsn(actor?.lastWriteLsn);
    await Promise.all(replicas.map((r) => refresh(r)));
    let candidates = replicas.filter((r) => usable(r, need));
    // Her write may be newer than the last check: look again once before sending her to the primary.
    if (!candidates.length && need !== null && replicas.some((r) => usable(r, null))) {
      await Promise.all(replicas.map((r) => refresh(r, true)));
      candidates = replicas.filter((r) => usable(r, need));
    }
    if (!candidates.length) {
      reads.primary++;
      return primary.db;
    }
    reads.replica++;
    return candidates[turn++ % candidates.length].handle.db;
  }

  return {
    enabled,
    forReader,
    reads,
    async noteWrite(sessionId) {
      if (!enabled) return;
      await sql`UPDATE sessions SET last_write_lsn = pg_current_wal_lsn()::text WHERE id = ${sessionId}`.execute(primary.db);
    },
    async status() {
      await Promise.all(replicas.map((r) => refresh(r)));
      return replicas.map(({ state: { replay: _r, checkedAt: _c, ...s } }) => s);
    },
    async close() {
      await Promise.all(replicas.map((r) => r.handle.close()));
    },
  };
}
