import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../ui';
import { AwardsTab } from './AwardsTab';
import { CampaignsTab } from './CampaignsTab';
import { NominationsTab } from './NominationsTab';
import { PledgesTab } from './PledgesTab';
import { StandingTab } from './StandingTab';

/** 评选表彰: standing counts by level, nominations (reviews, 公示), titles held, pledges, and the campaign list. */
export function HonoursPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'standing';
  return (
    <>
      <PageHeader
        title={t('评选表彰', 'Honours')}
        subtitle={t(
          '巾帼文明岗、五好文明家庭、最美家庭、好家长、三八红旗手……逐级审核、公示、授予和复审',
          'Campaigns, nominations, awards and pledges',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'standing', label: t('现有称号', 'Standing'), children: <StandingTab /> },
          { key: 'nominations', label: t('推荐申报', 'Nominations'), children: <NominationsTab /> },
          { key: 'awards', label: t('荣誉称号', 'Titles'), children: <AwardsTab /> },
          { key: 'pledges', label: t('承诺书', 'Pledges'), children: <PledgesTab /> },
          { key: 'campaigns', label: t('评选项目', 'Campaigns'), children: <CampaignsTab /> },
        ]}
      />
    </>
  );
}
