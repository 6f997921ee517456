import { addDays, maskIdNumber, maskPhone, matchSeekerToVacancy, type NotHiredReason } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import { searchTraineeRecords } from '../activities/index.js';
import type { DemoContext } from '../module.js';
import { findOrCreatePerson } from '../people/index.js';
import * as employersRepo from './employers.repository.js';
import type { PlacementEmployersTable, PlacementSeekersTable, PlacementVacanciesTable } from './placement.tables.js';
import * as repo from './referrals.repository.js';
import * as seekersRepo from './seekers.repository.js';
import { demoName, makeIdNumber } from '../../platform/demo.js';
import { creditCode, EMPLOYERS, NOT_HIRED, PLAN, RESIDENCES, VACANCIES } from './placement.demo.data.js';

/**
 * The demo district's 职介所 in 2026, consistent with the training records: the women it placed or sent out are
 * among the 80 trainees the activities demo records as re-employed (their "training taken" links them), so the
 * summary's "帮助80名妇女实现二次就业" stays 80 — a woman trained, then placed, counts once. Besides them: trainees
 * who found nothing yet (referred, not hired, or waiting), and laid-off women who registered in November.
 */

export async function seedPlacementDemo(ctx: DemoContext): Promise<void> {
  const { db, clock, cipher } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399');
  const scope = { permission: 'placement.read' as const, paths: [root.path] };
  const chair = ctx.user('programme').id;
  // Looked up before the transaction: on SQLite a query outside it would wait for it to finish.
  const reemployed = await searchTraineeRecords(db, scope, { outcome: 'reemployed', category: 'skills', limit: 500 });
  const notYet = await searchTraineeRecords(db, scope, { outcome: 'none', category: 'skills', limit: 500 });
  if (reemployed.length === 0) return;

  await db.transaction().execute(async (trx) => {
    const employerIds = new Map<string, string>();
    const employerRows: PlacementEmployersTable[] = EMPLOYERS.map((e) => {
      const id = newId();
      employerIds.set(e.key, id);
      return {
        id,
        ownerOrgId: root.id,
        name: e.name,
        creditCode: creditCode(e.code),
        industry: e.industry,
        address: e.address,
        contactName: e.contact,
        contactPhoneEnc: cipher.encrypt(e.phone),
        contactPhoneMasked: maskPhone(e.phone),
        note: e.key === 'insurance' ? '与区妇联签订合作协议，为下岗妇女提供就业机会' : null,
        active: 1,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      };
    });
    await employersRepo.insertEmployers(trx, employerRows);
    const vacancies = new Map<string, PlacementVacanciesTable>();
    for (const v of VACANCIES)
      vacancies.set(v.key, {
        id: newId(),
        ownerOrgId: root.id,
        employerId: employerIds.get(v.employer)!,
        title: v.title,
        skills: JSON.stringify(v.skills),
        hours: v.hours,
        positions: v.positions,
        wageMinFen: v.wage[0],
        wageMaxFen: v.wage[1],
        locationOrgId: v.location ? ctx.org(v.location).id : null,
        locationText: v.locationText,
        ageMin: v.age?.[0] ?? null,
        ageMax: v.age?.[1] ?? null,
        publishedOn: v.published,
        closesOn: null,
        status: 'open',
        description: null,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      });
    await employersRepo.insertVacancies(trx, [...vacancies.values()]);

    let seq = 0;
    const register = async (
      t: { traineeId: string; name: string; courseTitle: string; sessionDate: string } | null,
      name: string,
      skills: string[],
      opts: { registeredOn: string; owner: string; category: PlacementSeekersTable['category']; acceptsOutside?: boolean },
    ) => {
      const i = seq++;
      const birth = `${1974 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      const idNumber = makeIdNumber('510399', birth, 600 + 2 * i, true);
      const phone = `139${String(81300000 + i * 37).padStart(8, '0')}`;
      const residence = ctx.org(RESIDENCES[i % RESIDENCES.length]).id;
      const person = await findOrCreatePerson(
        trx,
        { cipher, clock, actor: null },
        { name, gender: 'female', idNumber, phone, residenceOrgId: residence, ownerOrgId: opts.owner },
      );
      const row: PlacementSeekersTable = {
        id: newId(),
        ownerOrgId: opts.owner,
        personId: person.id,
        name,
        gender: 'female',
        birthDate: birth,
        idNumberMasked: maskIdNumber(idNumber),
        phoneMasked: maskPhone(phone),
        category: opts.category,
        education: i % 3 === 0 ? 'below' : 'high_school',
        hours: 'full_time',
        placeOrgIds: JSON.stringify([]),
        acceptsOutside: opts.acceptsOutside ? 1 : 0,
        expectedWageFen: 250000 + (i % 4) * 20000,
        wishes: null,
        registeredOn: opts.registeredOn,
        status: 'seeking',
        statusDate: opts.registeredOn,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      };
      await seekersRepo.insertSeekers(trx, [row]);
      await seekersRepo.replaceSkills(trx, row.id, opts.owner, skills);
      if (t)
        await seekersRepo.insertTrainings(trx, [
          {
            id: newId(),
            seekerId: row.id,
            ownerOrgId: opts.owner,
            traineeId: t.traineeId,
            title: t.courseTitle,
            organiser: '区妇联',
            completedOn: t.sessionDate,
            createdAt: at,
          },
        ]);
      return { row, skills };
    };

    const refer = async (
      s: { row: PlacementSeekersTable; skills: string[] },
      vacancyKey: string,
      referredOn: string,
      outcome: { hiredOn: string } | { notHired: NotHiredReason; on: string } | null,
    ) => {
      const v = vacancies.get(vacancyKey)!;
      const match = matchSeekerToVacancy(
        {
          skills: s.skills,
          hours: s.row.hours,
          places: [],
          acceptsOutside: false,
          expectedWageFen: s.row.expectedWageFen,
          birthDate: s.row.birthDate,
        },
        {
          skills: JSON.parse(v.skills),
          hours: v.hours,
          location: v.locationOrgId ? { id: v.locationOrgId, path: '', name: v.locationText } : null,
          locationText: v.locationText,
          wageMinFen: v.wageMinFen,
          wageMaxFen: v.wageMaxFen,
          ageMin: v.ageMin,
          ageMax: v.ageMax,
        },
        referredOn,
      );
      const hired = outcome && 'hiredOn' in outcome;
      await repo.insertReferrals(trx, [
        {
          id: newId(),
          ownerOrgId: s.row.ownerOrgId,
          seekerId: s.row.id,
          vacancyId: v.id,
          employerId: v.employerId,
          referredOn,
          score: match.score,
          reasons: JSON.stringify(match.reasons),
          status: !outcome ? 'referred' : hired ? 'hired' : 'not_hired',
          outcomeOn: !outcome ? null : 'hiredOn' in outcome ? outcome.hiredOn : outcome.on,
          monthlyWageFen: hired ? (v.wageMinFen ?? 0) + 20000 : null,
          notHiredReason: outcome && 'notHired' in outcome ? outcome.notHired : null,
          note: null,
          createdBy: chair,
          createdAt: at,
          updatedAt: at,
        },
      ]);
      if (hired)
        await seekersRepo.updateSeeker(trx, s.row.id, {
          status: 'employed',
          statusDate: (outcome as { hiredOn: string }).hiredOn,
          updatedAt: at,
        });
    };

    // The re-employed trainees the 职介所 placed or sent out: registered a few days after their session.
    const exportedSeekers: { row: PlacementSeekersTable; skills: string[] }[] = [];
    for (const p of PLAN) {
      const group = reemployed.filter((t) => t.topic === p.topic);
      let k = 0;
      for (const h of p.hired)
        for (let n = 0; n < h.n && k < group.length; n++, k++) {
          const t = group[k];
          const s = await register(t, t.name, [p.skill], {
            registeredOn: t.sessionDate,
            owner: root.id,
            category: k % 2 ? 'rural' : 'laid_off',
          });
          await refer(s, h.vacancy, addDays(t.outcomeDate ?? t.sessionDate, -7), { hiredOn: t.outcomeDate ?? t.sessionDate });
        }
      for (let n = 0; n < (p.exported ?? 0) && k < group.length; n++, k++) {
        const t = group[k];
        exportedSeekers.push(
          await register(t, t.name, [p.skill], { registeredOn: t.sessionDate, owner: root.id, category: 'rural', acceptsOutside: true }),
        );
      }
    }

    // 劳务输出: twelve women of the first housekeeping class to Ningbo, 300 yuan travel support each.
    const batchId = newId();
    const departure = '2026-07-01';
    await repo.insertBatch(trx, {
      id: batchId,
      ownerOrgId: root.id,
      title: '2026年家政服务劳务输出（宁波）',
      destination: '浙江省宁波市',
      employerId: employerIds.get('ningbo')!,
      departureDate: departure,
      supportPerPersonFen: 30000,
      note: '与宁波市甬江家政服务有限公司签订用工协议，统一组织出行，岗前培训后上岗。',
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    });
    const members = exportedSeekers.map((s) => ({
      id: newId(),
      batchId,
      seekerId: s.row.id,
      ownerOrgId: root.id,
      status: 'departed' as const,
      supportFen: 30000,
      createdAt: at,
      updatedAt: at,
    }));
    await repo.insertMembers(trx, members);
    for (const s of exportedSeekers)
      await seekersRepo.updateSeeker(trx, s.row.id, { status: 'employed', statusDate: departure, updatedAt: at });
    await repo.insertFollowUps(
      trx,
      members.flatMap((m, i) => [
        {
          id: newId(),
          memberId: m.id,
          batchId,
          ownerOrgId: root.id,
          months: 1,
          doneOn: '2026-08-03',
          result: 'working' as const,
          monthlyWageFen: 550000,
          note: null,
          createdBy: chair,
          createdAt: at,
        },
        {
          id: newId(),
          memberId: m.id,
          batchId,
          ownerOrgId: root.id,
          months: 3,
          doneOn: '2026-10-08',
          result: i === 3 ? ('returned' as const) : i === 7 ? ('changed_job' as const) : ('working' as const),
          monthlyWageFen: i === 3 ? null : 580000,
          note: i === 3 ? '家中老人生病返乡照料' : null,
          createdBy: chair,
          createdAt: at,
        },
      ]),
    );

    // Trainees who have not found work yet: six referred and not hired (with the reason), four waiting for an answer.
    for (const [i, t] of notYet.slice(0, 10).entries()) {
      const skill = t.topic.startsWith('家政') ? '家政服务' : t.topic.startsWith('育婴') ? '育婴' : '种植';
      const s = await register(t, t.name, [skill], { registeredOn: t.sessionDate, owner: root.id, category: 'laid_off' });
      const key = skill === '家政服务' ? 'maid' : skill === '育婴' ? 'nanny' : 'grower';
      // A month after the class, or when the vacancy opened if later (dates compare as text).
      const dates = [addDays(t.sessionDate, 30), vacancies.get(key)!.publishedOn].sort();
      if (i < 6) await refer(s, key, dates[1], { notHired: NOT_HIRED[i], on: addDays(dates[1], 10) });
      else await refer(s, key, '2026-11-20', null);
    }
    // Laid-off women who registered in November at 东城街道 and are still looking.
    const street = ctx.org('东城街道').id;
    for (let i = 0; i < 8; i++)
      await register(null, demoName(i, 'female', 21), i % 2 ? ['收银', '营销'] : ['保洁', '餐饮服务'], {
        registeredOn: `2026-11-${String(3 + i * 2).padStart(2, '0')}`,
        owner: street,
        category: 'laid_off',
      });
  });
}
