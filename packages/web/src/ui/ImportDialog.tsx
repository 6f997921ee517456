import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { cloneElement, useState, type ReactElement } from 'react';
import { api, ApiError, download } from '../app/api';
import { useI18n } from '../app/i18n';

/** A long job as GET /api/jobs/:id returns it (platform/jobs.ts). */
export type Job = {
  id: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: ImportResult | null;
};
export type ImportError = { row: number; column: string | null; message: string; text: string };
export type ImportResult = {
  fileName: string;
  rows: number;
  created: number;
  counts?: Record<string, number>;
  duplicate?: boolean;
  errorCount?: number;
  errors?: ImportError[];
};

/** Chinese names of the extra counts imports report (ImportCommitResult); a key without a name is not shown. */
const COUNT_LABELS: Record<string, string> = {
  persons: '新登记人员',
  eligible: '符合条件',
  rosterTotal: '名单现有人数',
  linkedToRegistry: '关联人员库',
  resourceLines: '物资明细',
  addedToRoster: '新增到花名册',
};

/** Polls a job until it ends. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => api.get<Job>(`/api/jobs/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 600),
  });
}

/**
 * The one import dialog: template download, upload, progress, and every error (row, column, problem).
 * Nothing is imported unless the whole file is valid, and the same file twice is imported once (server side).
 */
export function ImportDialog({
  title,
  templateUrl,
  uploadUrl,
  onDone,
  trigger,
  countLabels,
}: {
  title: string;
  templateUrl: string;
  uploadUrl: string;
  onDone?: (job: Job) => void;
  /** The button that opens the dialog (its onClick is set here). */
  trigger?: ReactElement<{ onClick?: () => void }>;
  countLabels?: Record<string, string>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [notified, setNotified] = useState<string | null>(null);
  const job = useJob(jobId);
  const current = job.data;

  if (current && current.status !== 'running' && notified !== current.id) {
    setNotified(current.id);
    if (current.status === 'succeeded') onDone?.(current);
  }

  const reset = () => {
    setFile(null);
    setJobId(null);
    setUploadError(null);
  };
  const close = () => {
    setOpen(false);
    reset();
  };

  async function start() {
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await api.upload<{ jobId: string }>(uploadUrl, form);
      setJobId(res.jobId);
    } catch (err) {
      setUploadError(err instanceof ApiError ? err.message : t('上传失败', 'Upload failed'));
    } finally {
      setUploading(false);
    }
  }

  const result = current?.result;
  const running = !!jobId && (!current || current.status === 'running');

  return (
    <>
      {cloneElement(trigger ?? <Button icon={<UploadOutlined />}>{t('导入 Excel', 'Import')}</Button>, { onClick: () => setOpen(true) })}
      <Modal
        open={open}
        title={title}
        onCancel={close}
        width={720}
        destroyOnHidden
        footer={
          <Space wrap>
            {current && current.status !== 'running' && (
              <Button onClick={reset} data-testid="import-again">
                {t('重新选择文件', 'Choose another file')}
              </Button>
            )}
            <Button onClick={close}>{t('关闭', 'Close')}</Button>
            {!jobId && (
              <Button type="primary" disabled={!file} loading={uploading} onClick={start} data-testid="import-start">
                {t('开始导入', 'Import')}
              </Button>
            )}
          </Space>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Alert
            type="info"
            showIcon
            message={t(
              '请先下载模板，按模板填写后上传。整份文件全部校验通过才会导入；同一文件重复上传不会重复导入。',
              'Download the template, fill it in and upload it. Nothing is imported unless every row is valid; the same file is imported once.',
            )}
            action={
              <Button size="small" icon={<FileExcelOutlined />} onClick={() => download(templateUrl)} data-testid="import-template">
                {t('下载模板', 'Template')}
              </Button>
            }
          />
          {!jobId && (
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                setUploadError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{t('点击或拖入 .xlsx 文件', 'Click or drop an .xlsx file')}</p>
            </Upload.Dragger>
          )}
          {uploadError && <Alert type="error" showIcon message={uploadError} data-testid="import-upload-error" />}
          {jobId && (
            <div data-testid="import-progress">
              <Progress
                percent={current?.progress ?? 0}
                status={current?.status === 'failed' ? 'exception' : current?.status === 'succeeded' ? 'success' : 'active'}
              />
              <Typography.Text type="secondary">{current?.message ?? t('处理中…', 'Working…')}</Typography.Text>
            </div>
          )}
          {current?.status === 'succeeded' && result && (
            <Alert
              type={result.duplicate ? 'warning' : 'success'}
              showIcon
              data-testid="import-result"
              message={current.message}
              description={
                Object.entries(result.counts ?? {})
                  .filter(([k]) => (countLabels ?? COUNT_LABELS)[k])
                  .map(([k, v]) => `${(countLabels ?? COUNT_LABELS)[k]}：${v}`)
                  .join('；') || undefined
              }
            />
          )}
          {current?.status === 'failed' && (
            <>
              <Alert type="error" showIcon message={current.message} data-testid="import-failed" />
              {result?.errors && result.errors.length > 0 && (
                <Table<ImportError>
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                  dataSource={result.errors}
                  pagination={{ pageSize: 10, showSizeChanger: false, size: 'small' }}
                  scroll={{ x: 480 }}
                  data-testid="import-errors"
                  columns={[
                    { title: t('行', 'Row'), dataIndex: 'row', width: 70, align: 'right', render: (r: number) => (r === 0 ? '—' : r) },
                    { title: t('列', 'Column'), dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '—' },
                    { title: t('问题', 'Problem'), dataIndex: 'message' },
                  ]}
                />
              )}
            </>
          )}
          {running && !current && <Typography.Text type="secondary">{t('已上传，正在处理…', 'Uploaded, working…')}</Typography.Text>}
        </Space>
      </Modal>
    </>
  );
}
