import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '@jinguo/domain';
import type { CliCommand } from '../module.js';
import { systemAccess } from './facts.engine.js';
import * as repo from './reports.repository.js';
import { createReportsService, renderExport } from './reports.service.js';

/**
 * `jinguo report summary --year 2026 --org <code> --format docx|md --out FILE`: the annual summary of a unit
 * (default: the top federation) from the configured database. A summary saved for that unit and year is
 * exported as staff left it; otherwise (or with --fresh) it is generated from the built-in template now.
 * Without --out the document goes to standard output.
 */
export const reportSummaryCommand: CliCommand = {
  name: 'report summary',
  usage:
    'report summary --year YYYY [--org CODE] [--format docx|md|html] [--out FILE] [--fresh]\n                                 the annual work summary (saved one if any, else generated now)',
  async run(argv, rt) {
    const { values } = parseArgs({
      args: argv,
      options: {
        year: { type: 'string' },
        org: { type: 'string' },
        format: { type: 'string', default: 'docx' },
        out: { type: 'string' },
        fresh: { type: 'boolean' },
      },
    });
    const year = Number(values.year);
    if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) {
      console.error('--year YYYY is required (2000–2100)');
      return 2;
    }
    const format = values.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      console.error(`--format must be one of: ${EXPORT_FORMATS.join(', ')}`);
      return 2;
    }
    const unit = values.org ? await repo.findUnitByCodeOrId(rt.db, values.org) : await repo.findRootUnit(rt.db);
    if (!unit) {
      console.error(
        values.org ? `no org unit with code or id ${values.org}` : 'the database has no org units yet (run jinguo migrate / serve first)',
      );
      return 2;
    }
    const svc = createReportsService({ db: rt.db, dialect: rt.dialect, clock: rt.clock, facts: rt.deps.facts });
    const access = systemAccess(unit.path);
    const saved = values.fresh ? undefined : await repo.findSummaryByOrgYear(rt.db, unit.id, year);
    const file = saved
      ? await svc.export(access, saved.id, format)
      : await renderExport((await svc.compose(access, { year, org: unit.id })).content, format, `${unit.name}${year}年工作总结`);
    console.error(
      saved
        ? `exporting the saved summary (${saved.status}, version ${saved.version})`
        : 'generated from the built-in template (no saved summary)',
    );
    if (values.out) {
      fs.writeFileSync(values.out, file.body);
      console.error(`written ${values.out}`);
    } else {
      process.stdout.write(file.body);
    }
    return 0;
  },
};
