import { DownloadOutlined, ShareAltOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Modal, Space, Typography } from 'antd';
import type { TaskValues, Targets } from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, download } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useAnswer, useTask, useTasksMutations } from '../api';
import { AnswerForm } from '../components/AnswerForm';
import { AnswerStatusTag } from '../components/StatusTag';
import { TargetsInput } from '../components/TargetsInput';

/** A target's answer: fill in the form (draft, submit) or upload the filled template; forward below and add up. */
export function AnswerPage() {
  const { id = '', answerId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const task = useTask(id);
  const answer = useAnswer(id, answerId);
  const m = useTasksMutations();
  const [form] = Form.useForm<TaskValues>();
  const [forwarding, setForwarding] = useState(false);
  const [fwd] = Form.useForm<{ deadline: Dayjs; targets: Targets }>();
  const a = answer.data;
  const d = task.data;

  // The form takes the stored values again after a save, an upload or a merge.
  useEffect(() => {
    if (a) form.setFieldsValue(a.values as never);
  }, [a, form]);

  const run = async (what: 'save' | 'submit') => {
    try {
      const values = form.getFieldsValue(true) as TaskValues;
      if (what === 'save') await m.save.mutateAsync({ id, answerId, values });
      else await m.submit.mutateAsync({ id, answerId, values });
      message.success(what === 'save' ? t('草稿已保存', 'Draft saved') : t('已提交', 'Submitted'));
    } catch (e) {
      // The server names a value as values.<key>[.<row>.<column>]: the form's own names without the prefix.
      if (e instanceof ApiError && e.fields)
        form.setFields(
          e.fields
            .filter((f) => f.path.startsWith('values.'))
            .map((f) => ({
              name: f.path
                .slice(7)
                .split('.')
                .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
              errors: [f.message],
            })) as never,
        );
      message.error(applyServerErrors(null, e));
    }
  };

  return (
    <QueryState loading={task.isLoading || answer.isLoading} error={task.error ?? answer.error}>
      {a && d && (
        <>
          <PageHeader
            title={d.title}
            subtitle={
              <Space wrap>
                {a.orgUnitName}
                <AnswerStatusTag status={a.status} />
                {t(`截止${d.deadline}`, `Due ${d.deadline}`)}
                {a.late && <Typography.Text type="danger">{t('已逾期', 'Late')}</Typography.Text>}
              </Space>
            }
            extra={<Link to={`/tasks/${id}`}>{t('任务详情', 'Task')}</Link>}
          />
          {a.status === 'returned' && a.returnReason && (
            <Alert
              type="error"
              showIcon
              message={t(`已被退回：${a.returnReason}`, `Returned: ${a.returnReason}`)}
              style={{ marginBottom: 12 }}
              data-testid="return-reason"
            />
          )}
          {d.instructions && <Alert type="info" message={d.instructions} style={{ marginBottom: 12, whiteSpace: 'pre-wrap' }} />}
          {a.forward && (
            <Card size="small" style={{ marginBottom: 12 }} data-testid="forward-card">
              <Flex gap={12} wrap align="center" justify="space-between">
                <span>
                  {t(
                    `已转发给下级：已报${a.forward.reported}/${a.forward.expected}`,
                    `Forwarded: ${a.forward.reported}/${a.forward.expected}`,
                  )}
                  {a.forward.waiting.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('，待报：', '; waiting: ')}
                      {a.forward.waiting.map((w) => w.orgUnitName).join('、')}
                    </Typography.Text>
                  )}
                </span>
                <Space>
                  <Button onClick={() => navigate(`/tasks/${a.forward?.taskId}`)}>{t('查看下级填报', 'Units below')}</Button>
                  {a.can.edit && (
                    <Button
                      type="primary"
                      ghost
                      onClick={async () => {
                        try {
                          await m.merge.mutateAsync({ id, answerId });
                          message.success(t('已汇总下级填报，核对后提交', 'Merged'));
                        } catch (e) {
                          message.error((e as Error).message);
                        }
                      }}
                      data-testid="merge-below"
                    >
                      {t('汇总下级填报', 'Add up units below')}
                    </Button>
                  )}
                </Space>
              </Flex>
            </Card>
          )}
          <Card size="small">
            <AnswerForm form={form} fields={d.fields} values={a.values} disabled={!a.can.edit} />
            {a.can.edit && (
              <Flex gap={8} wrap>
                <Button onClick={() => void run('save')} loading={m.save.isPending} data-testid="save-draft">
                  {t('保存草稿', 'Save draft')}
                </Button>
                <Button type="primary" onClick={() => void run('submit')} loading={m.submit.isPending} data-testid="submit-answer">
                  {t('提交', 'Submit')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => download(`/api/tasks/${id}/template`)}>
                  {t('下载填报模板', 'Template')}
                </Button>
                <ImportDialog
                  title={t('上传填好的模板', 'Upload the filled template')}
                  templateUrl={`/api/tasks/${id}/template`}
                  uploadUrl={`/api/tasks/${id}/answers/${answerId}/import`}
                  onDone={() => void m.refresh()}
                  trigger={
                    <Button icon={<UploadOutlined />} data-testid="import-answer">
                      {t('Excel 上传', 'Upload Excel')}
                    </Button>
                  }
                />
                {a.can.forward && (
                  <Button icon={<ShareAltOutlined />} onClick={() => setForwarding(true)} data-testid="forward-task">
                    {t('转发给下级', 'Forward below')}
                  </Button>
                )}
              </Flex>
            )}
          </Card>
          <Modal
            open={forwarding}
            title={t('转发给下级单位', 'Forward to units below')}
            onCancel={() => setForwarding(false)}
            onOk={() => fwd.submit()}
            confirmLoading={m.forward.isPending}
            destroyOnHidden
          >
            <Form
              form={fwd}
              layout="vertical"
              initialValues={{ targets: { mode: 'children' } }}
              onFinish={async (v) => {
                try {
                  const child = await m.forward.mutateAsync({
                    id,
                    answerId,
                    deadline: v.deadline.format('YYYY-MM-DD'),
                    targets: v.targets,
                  });
                  setForwarding(false);
                  message.success(t(`已转发给${child.expected}个单位`, `Forwarded to ${child.expected} units`));
                } catch (e) {
                  message.error(applyServerErrors(fwd, e));
                }
              }}
            >
              <Form.Item
                name="deadline"
                label={t(`下级截止日期（不晚于${d.deadline}）`, 'Deadline below')}
                rules={[{ required: true, message: t('请选择截止日期', 'Required') }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="targets" label={t('转发范围', 'Send to')}>
                <TargetsInput />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
