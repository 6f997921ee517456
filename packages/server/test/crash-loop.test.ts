import { describe, expect, it } from 'vitest';
import { TEST_DATABASES } from './build-test-app.js';
import { runCrashLoops } from './crash-loop.js';

/**
 * The real server SIGKILLed mid-write, 20 times per database (crash-loop.ts; bench/crash-loop.ts runs 200): no
 * acknowledged write lost, no write doubled by a retry with its Idempotency-Key, the SQLite file intact, the ledger
 * balanced after every kill.
 */
describe.each(TEST_DATABASES)('crash loop on %s', (kind) => {
  it('loses nothing acknowledged and doubles nothing retried across 20 kills', async () => {
    const f = await runCrashLoops({ kind, loops: 20 });
    console.log(
      `crash loop ${kind}: ${f.loops} loops, ${f.sent} writes sent, ${f.acknowledged} acknowledged, ${f.retried} retried (${f.replayed} replayed), lost ${f.lost}, duplicates ${f.duplicates}, ${(f.ms / 1000).toFixed(1)} s`,
    );
    expect(f.problems).toEqual([]);
    expect({ loops: f.loops, lost: f.lost, duplicates: f.duplicates, badChecks: f.badChecks }).toEqual({
      loops: 20,
      lost: 0,
      duplicates: 0,
      badChecks: 0,
    });
    // The kills did land mid-write: some answers were lost and their retries found the write already committed.
    expect(f.acknowledged).toBeGreaterThan(100);
    expect(f.retried).toBeGreaterThan(0);
  }, 900_000);
});
