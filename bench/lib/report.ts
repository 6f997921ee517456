/**
 * How a benchmark hands its headline figures to `npm run bench` (bench/run.ts): it prints them, each with its
 * target, and ends with one machine-readable line `BENCH_RESULT {"bench":…,"quick":…,"figures":[…]}`.
 * Every benchmark stays runnable on its own (`node --import tsx bench/<name>.ts`); the line is then just the
 * last thing it prints.
 */

/** Smaller data, so `npm run bench -- --quick` finishes in minutes (set by the runner, or pass --quick). */
export const QUICK = process.env.JINGUO_BENCH_QUICK === '1' || process.argv.includes('--quick');

/** The full size, or the quick one in quick mode. */
export function size(full: number, quick: number): number {
  return QUICK ? quick : full;
}

export type Target = { op: '>=' | '>' | '<=' | '<'; value: number };

export type Figure = {
  /** What was measured, e.g. "sqlite: case list, app ÷ raw". */
  name: string;
  value: number;
  /** "req/s", "ms", "s", "MB", "×" … */
  unit: string;
  target?: Target;
};

export const RESULT_PREFIX = 'BENCH_RESULT ';

export type BenchResult = { bench: string; quick: boolean; figures: Figure[] };

/** True / false against the target; null when the figure has none. */
export function isMet(f: Figure): boolean | null {
  if (!f.target) return null;
  const { op, value } = f.target;
  return op === '>=' ? f.value >= value : op === '>' ? f.value > value : op === '<=' ? f.value <= value : f.value < value;
}

export function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const n = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === '×' ? `${n}×` : `${n} ${unit}`;
}

export function formatTarget(f: Figure): string {
  return f.target ? `${f.target.op} ${formatValue(f.target.value, f.unit)}` : '—';
}

/** Prints the headline figures with their targets, then the machine-readable line (last). */
export function reportFigures(bench: string, figures: Figure[]): void {
  const result: BenchResult = { bench, quick: QUICK, figures };
  if (process.env.JINGUO_BENCH_CHILD) return void console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
  console.log(`\nheadline figures (${bench}${QUICK ? ', quick mode: targets are set for the full sizes' : ''}):`);
  const width = Math.max(...figures.map((f) => f.name.length), 10);
  for (const f of figures) {
    const met = isMet(f);
    console.log(
      `  ${f.name.padEnd(width)}  ${formatValue(f.value, f.unit).padStart(14)}  target ${formatTarget(f).padEnd(14)} ${met === null ? '' : met ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}

/** Median and 95th percentile (nearest rank) of a list of numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Median and p95 of `runs` timed calls of fn after one warm-up. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 50), p95: percentile(ms, 95) };
}

/**
 * Runs `script --db <kind>` in a fresh process for each database (SQLite, and PostgreSQL when configured), its
 * output passed through, and returns the figures each reported: for a benchmark that measures its own process
 * (peak memory), where two runs in one process would blur each other.
 */
export async function figuresPerDatabase(script: string, kinds: string[], extraArgs: string[] = []): Promise<Figure[]> {
  const { spawn } = await import('node:child_process');
  const figures: Figure[] = [];
  for (const kind of kinds) {
    await new Promise<void>((resolve, reject) => {
      const args = ['--import', 'tsx', script, '--db', kind, ...(QUICK ? ['--quick'] : []), ...extraArgs];
      const child = spawn(process.execPath, args, {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, JINGUO_BENCH_CHILD: '1' },
      });
      let pending = '';
      const take = (line: string) => {
        if (line.startsWith(RESULT_PREFIX)) figures.push(...(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult).figures);
        else console.log(line);
      };
      child.stdout.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        lines.forEach(take);
      });
      child.once('exit', (code) => {
        if (pending) take(pending);
        if (code === 0) resolve();
        else reject(new Error(`${script} --db ${kind} exited with ${code}`));
      });
    });
  }
  return figures;
}
