import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Input, Row, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import type { CaseCategory } from '@jinguo/domain';
import { caseKeys, useCategories } from '../api';
import { usePeopleMutations, usePeopleTags } from '../../people/public';

/** 维权设置: the configurable lists — case categories (retired, never deleted) and the persons' vulnerability tags. */
export function CaseSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const categories = useCategories();
  const tags = usePeopleTags();
  const { saveTags } = usePeopleMutations();
  const [rows, setRows] = useState<CaseCategory[]>([]);
  const [tagList, setTagList] = useState<string[]>([]);
  const [newTag, setNewTag] = useState('');
  useEffect(() => setRows(categories.data ?? []), [categories.data]);
  useEffect(() => setTagList(tags.data ?? []), [tags.data]);
  const saveCategories = useMutation({
    mutationFn: (categories: CaseCategory[]) => api.put<CaseCategory[]>('/api/cases/categories', { categories }),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.categories() }),
  });
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('已保存', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(null, e));
    }
  };
  return (
    <>
      <PageHeader
        title={t('维权设置', 'Casework lists')}
        subtitle={t('事项类别与困难标识；已使用的类别只能停用，不能删除', 'Categories in use can be retired, not deleted')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('事项类别', 'Case categories')}
            extra={
              <Button
                size="small"
                type="primary"
                loading={saveCategories.isPending}
                onClick={() => run(() => saveCategories.mutateAsync(rows))}
              >
                {t('保存', 'Save')}
              </Button>
            }
          >
            <QueryState loading={categories.isLoading} error={categories.error}>
              <Table<CaseCategory>
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={rows}
                columns={[
                  {
                    title: t('代码', 'Code'),
                    dataIndex: 'code',
                    width: 170,
                    render: (v: string, r, i) =>
                      categories.data?.some((c) => c.code === r.code) ? (
                        <Typography.Text type="secondary">{v}</Typography.Text>
                      ) : (
                        <Input
                          size="small"
                          value={v}
                          onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))}
                        />
                      ),
                  },
                  {
                    title: t('名称', 'Label'),
                    dataIndex: 'label',
                    render: (v: string, _r, i) => (
                      <Input
                        size="small"
                        value={v}
                        maxLength={40}
                        onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
                      />
                    ),
                  },
                  {
                    title: t('启用', 'Active'),
                    dataIndex: 'active',
                    width: 70,
                    render: (v: boolean, r, i) => (
                      <Switch
                        size="small"
                        checked={v}
                        disabled={r.code === 'domestic_violence'}
                        onChange={(c) => setRows(rows.map((x, j) => (j === i ? { ...x, active: c } : x)))}
                      />
                    ),
                  },
                ]}
              />
              <Button
                size="small"
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                onClick={() => setRows([...rows, { code: `custom_${rows.length + 1}`, label: '', active: true }])}
              >
                {t('添加类别', 'Add')}
              </Button>
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('困难标识（人员库）', 'Vulnerability tags')}
            extra={
              <Button size="small" type="primary" loading={saveTags.isPending} onClick={() => run(() => saveTags.mutateAsync(tagList))}>
                {t('保存', 'Save')}
              </Button>
            }
          >
            <Flex wrap gap={6} style={{ marginBottom: 8 }}>
              {tagList.map((x) => (
                <Tag key={x} closable onClose={() => setTagList(tagList.filter((y) => y !== x))}>
                  {x}
                </Tag>
              ))}
            </Flex>
            <Flex gap={6}>
              <Input
                size="small"
                value={newTag}
                maxLength={20}
                placeholder={t('新标识', 'New tag')}
                onChange={(e) => setNewTag(e.target.value)}
                onPressEnter={() => {
                  if (newTag.trim()) {
                    setTagList([...new Set([...tagList, newTag.trim()])]);
                    setNewTag('');
                  }
                }}
              />
              <Button
                size="small"
                onClick={() => {
                  if (newTag.trim()) {
                    setTagList([...new Set([...tagList, newTag.trim()])]);
                    setNewTag('');
                  }
                }}
              >
                {t('添加', 'Add')}
              </Button>
            </Flex>
          </Card>
        </Col>
      </Row>
    </>
  );
}
