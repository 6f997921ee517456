// Crash-loop benchmark: the real server killed (SIGKILL) mid-write 200 times while it takes cases, donations and
// payouts with Idempotency-Keys; after every kill the acknowledged writes are counted, duplicates looked for, the
// SQLite file checked and the ledger's trial balance taken (packages/server/test/crash-loop.ts does the work).
// Run: node --import tsx bench/crash-loop.ts [loops] [--pg]   (--pg needs JINGUO_TEST_PG_URL)
import { runCrashLoops } from '../packages/server/test/crash-loop.js';

const loops = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);
const kind = process.argv.includes('--pg') ? 'postgres' : 'sqlite';
const f = await runCrashLoops({
  kind,
  loops,
  log: (line) => {
    if (/^loop (\d+):/.exec(line) && Number(/^loop (\d+)/.exec(line)![1]) % 20 === 0) console.log(line);
  },
});
console.log(`\ncrash loop on ${f.database}`);
console.log(`  loops (SIGKILL mid-write)   ${f.loops}`);
console.log(`  writes sent                 ${f.sent}`);
console.log(`  acknowledged                ${f.acknowledged}`);
console.log(`  answers lost, retried       ${f.retried} (${f.replayed} found committed and replayed)`);
console.log(`  acknowledged but lost       ${f.lost}`);
console.log(`  duplicates                  ${f.duplicates}`);
console.log(`  failed checks               ${f.badChecks} (integrity_check, trial balance)`);
console.log(
  `  time                        ${(f.ms / 1000).toFixed(1)} s (${(f.ms / f.loops).toFixed(0)} ms per loop, child start included)`,
);
if (f.problems.length) {
  console.log(`\nPROBLEMS:\n  ${f.problems.join('\n  ')}`);
  process.exit(1);
}
