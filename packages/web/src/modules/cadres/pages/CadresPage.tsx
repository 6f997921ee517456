import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../ui';
import { AnalysisTab } from './AnalysisTab';
import { RecommendationsTab } from './RecommendationsTab';
import { RosterTab } from './RosterTab';
import { RotationsTab } from './RotationsTab';

/** 女干部工作: the cadre roster with women's share, rotations (上挂下派) and 推优. */
export function CadresPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'roster';
  return (
    <>
      <PageHeader
        title={t('女干部工作', 'Women cadres')}
        subtitle={t(
          '干部花名册、上挂下派和推优发展女党员；女干部占比由名单计算',
          "Roster, rotations and party recommendations; women's share computed from the rows",
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'roster', label: t('干部花名册', 'Roster'), children: <RosterTab /> },
          { key: 'rotations', label: t('上挂下派', 'Rotations'), children: <RotationsTab /> },
          { key: 'recommendations', label: t('推优入党', 'Recommendations'), children: <RecommendationsTab /> },
          { key: 'analysis', label: t('女干部分析', 'Analysis'), children: <AnalysisTab /> },
        ]}
      />
    </>
  );
}
