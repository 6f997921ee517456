import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../ui';
import { EmployersTab } from '../components/EmployersTab';
import { FigureStrip } from '../components/FigureStrip';
import { ReferralsTab } from '../components/ReferralsTab';
import { SeekersTab } from '../components/SeekersTab';
import { VacanciesTab } from '../components/VacanciesTab';

const FIGURES = [
  'placement.seekers',
  'placement.vacancies',
  'placement.referrals',
  'placement.placed',
  'placement.exported',
  'placement.reemployed',
];

/** 妇联职介所: job seekers, employers and their vacancies, referrals and outcomes, with this year's figures. */
export function PlacementPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'seekers';
  return (
    <>
      <PageHeader
        title={t('妇联职介所', 'Job placement')}
        subtitle={t(
          '求职登记、岗位匹配、推荐就业；点击数字查看明细',
          'Seekers, vacancies, matching and referrals; click a figure for its records',
        )}
      />
      <FigureStrip refs={FIGURES} year={new Date().getFullYear()} testId="placement-figures" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'seekers', label: t('求职人员', 'Job seekers'), children: <SeekersTab /> },
          { key: 'vacancies', label: t('招聘岗位', 'Vacancies'), children: <VacanciesTab /> },
          { key: 'employers', label: t('用人单位', 'Employers'), children: <EmployersTab /> },
          { key: 'referrals', label: t('推荐就业', 'Referrals'), children: <ReferralsTab /> },
        ]}
      />
    </>
  );
}
