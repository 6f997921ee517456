import pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * A multi-host DATABASE_URL, as libpq reads it — `postgres://u:p@h1:5432,h2:5432/db?target_session_attrs=read-write`
 * — for node-postgres, which refuses such URLs (machine-notes.md). The pool tries the hosts in order and keeps the
 * first that accepts the session kind asked for (read-write: `transaction_read_only` is off, i.e. the primary;
 * any: the first that answers). When that server goes away or turns read-only (a failover demoted it), the pool
 * drops it and the next connection looks again — so after pg_auto_failover promotes the standby, the app follows it
 * within a connect timeout. Queries in flight at that moment fail (a retry with the same Idempotency-Key is safe).
 */

export type SessionAttrs = 'read-write' | 'any';

/** The single-host URLs of a (possibly) multi-host URL, and the session kind asked for; null for a plain URL. */
export function parseMultiHostUrl(url: string): { urls: string[]; attrs: SessionAttrs } | null {
  const m = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) return null;
  const [, scheme, auth = '', hostList, dbPath = '', query = ''] = m;
  const params = new URLSearchParams(query.slice(1));
  const wanted = params.get('target_session_attrs');
  const hosts = hostList.split(',').filter(Boolean);
  if (hosts.length < 2 && !wanted) return null;
  if (wanted && !['read-write', 'primary', 'any'].includes(wanted))
    throw new Error(`DATABASE_URL: target_session_attrs must be read-write, primary or any, got ${wanted}`);
  params.delete('target_session_attrs');
  const rest = params.toString();
  return {
    urls: hosts.map((h) => `${scheme}${auth}${h}${dbPath}${rest ? `?${rest}` : ''}`),
    attrs: wanted === 'any' ? 'any' : 'read-write',
  };
}

/** Errors after which the chosen server is no longer the one to use: gone, shut down, or read-only now. */
function meansServerChanged(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return (
    code === '25006' || // read_only_sql_transaction: demoted to a standby
    code.startsWith('57P') || // admin_shutdown, crash_shutdown, cannot_connect_now
    code.startsWith('08') || // connection exceptions
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code) ||
    /Connection terminated|connection timeout/i.test(String((err as Error | null)?.message ?? ''))
  );
}

export type FailoverPool = PostgresPool & {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  /** The host:port in use, or null before the first connection. */
  readonly current: string | null;
};

export function createFailoverPool(opts: { urls: string[]; attrs: SessionAttrs; max: number; connectTimeoutMs?: number }): FailoverPool {
  const timeout = opts.connectTimeoutMs ?? 2000;
  let pool: pg.Pool | null = null;
  let current: string | null = null;
  let choosing: Promise<pg.Pool> | null = null;

  async function accepts(url: string): Promise<boolean> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeout });
    try {
      await c.connect();
      if (opts.attrs === 'any') return true;
      const { rows } = await c.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
      return rows[0]?.transaction_read_only === 'off';
    } catch {
      return false;
    } finally {
      await c.end().catch(() => {});
    }
  }

  async function choose(): Promise<pg.Pool> {
    for (const url of opts.urls) {
      if (!(await accepts(url))) continue;
      const chosen = new pg.Pool({ connectionString: url, max: opts.max, connectionTimeoutMillis: timeout });
      // An idle client's socket dying (the server went away) must not crash the process; the next connect re-chooses.
      chosen.on('error', () => drop(chosen));
      pool = chosen;
      const u = new URL(url);
      current = `${u.hostname}:${u.port || '5432'}`;
      return chosen;
    }
    throw Object.assign(new Error(`none of the database hosts accepts ${opts.attrs} sessions (${opts.urls.length} tried)`), {
      code: '08001',
    });
  }

  function drop(which: pg.Pool) {
    if (pool !== which) return;
    pool = null;
    current = null;
    void which.end().catch(() => {});
  }

  function wrap(client: pg.PoolClient, from: pg.Pool): PostgresPoolClient {
    return {
      query: ((...args: unknown[]) => {
        // biome-ignore lint/suspicious/noExplicitAny: passes Kysely's two query forms through unchanged
        const result = (client.query as any)(...args);
        if (result && typeof result.then === 'function')
          return result.catch((err: unknown) => {
            if (meansServerChanged(err)) drop(from);
            throw err;
          });
        return result;
      }) as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
  }

  return {
    async connect() {
      if (!pool && !choosing)
        choosing = choose().finally(() => {
          choosing = null;
        });
      const p = pool ?? (await choosing!);
      try {
        return wrap(await p.connect(), p);
      } catch (err) {
        drop(p);
        throw err;
      }
    },
    async end() {
      const p = pool;
      pool = null;
      await p?.end();
    },
    get totalCount() {
      return pool?.totalCount ?? 0;
    },
    get idleCount() {
      return pool?.idleCount ?? 0;
    },
    get waitingCount() {
      return pool?.waitingCount ?? 0;
    },
    get current() {
      return current;
    },
  };
}
