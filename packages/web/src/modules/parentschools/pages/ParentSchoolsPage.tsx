import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../ui';
import { ClassesTab } from '../components/ClassesTab';
import { SitesTab } from '../components/SitesTab';
import { TeachersTab } from '../components/TeachersTab';
import { TextbooksTab } from '../components/TextbooksTab';

/** 家长学校: the sites by unit, their classes with attendance (family-education training sessions included), teachers, and the yearly textbook order. */
export function ParentSchoolsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'sites';
  return (
    <>
      <PageHeader
        title={t('家长学校', 'Parent schools')}
        subtitle={t(
          '各单位举办的家长学校、授课和到课家长，授课教师，以及每年的家庭教育教材征订',
          'Sites by unit, classes and attendance, teachers, and the yearly textbook order',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'sites', label: t('家长学校', 'Sites'), children: <SitesTab /> },
          { key: 'classes', label: t('授课记录', 'Classes'), children: <ClassesTab /> },
          { key: 'orders', label: t('教材征订', 'Textbook order'), children: <TextbooksTab /> },
          { key: 'teachers', label: t('授课教师', 'Teachers'), children: <TeachersTab /> },
        ]}
      />
    </>
  );
}
