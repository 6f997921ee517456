import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { MoneyInput, moneyRule } from '../../../ui';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { formatFen, ORDER_STATUS_LABELS, type Textbook, type TextbookOrder } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatYuan, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useOrders, useOrderTotals, useParentSchoolMutations, useSites, useTextbooks } from '../api';

type OrderForm = { siteId: string; textbookId: string; quantity: number; orderedOn: Dayjs; collected?: number; paid?: number };
type UpdateForm = { collected?: number; paid?: number; deliveredQty?: number; deliveredOn?: Dayjs | null };

/** The yearly 教材征订: what each site ordered, the money collected from parents and paid, the copies delivered. */
export function TextbooksTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [page, setPage] = useState(1);
  const list = useOrders({ year }, page);
  const totals = useOrderTotals(year);
  const books = useTextbooks();
  const sites = useSites({ status: 'open' }, 1, 200);
  const m = useParentSchoolMutations();
  const [dialog, setDialog] = useState<'order' | 'book' | null>(null);
  const [editing, setEditing] = useState<TextbookOrder | null>(null);
  const [form] = Form.useForm<OrderForm>();
  const [bookForm] = Form.useForm<{ title: string; publisher?: string; gradeBand?: string; price: number }>();
  const [updateForm] = Form.useForm<UpdateForm>();
  const s = totals.data;

  const order = async (v: OrderForm) => {
    try {
      await m.createOrder.mutateAsync({
        year,
        siteId: v.siteId,
        textbookId: v.textbookId,
        quantity: v.quantity,
        orderedOn: v.orderedOn.format('YYYY-MM-DD'),
        collectedFen: v.collected ?? 0,
        paidFen: v.paid ?? 0,
      });
      setDialog(null);
      message.success(t('已登记征订', 'Ordered'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const addBook = async (v: { title: string; publisher?: string; gradeBand?: string; price: number }) => {
    try {
      await m.createTextbook.mutateAsync({ title: v.title, publisher: v.publisher, gradeBand: v.gradeBand, unitPriceFen: v.price });
      setDialog(null);
    } catch (e) {
      message.error(applyServerErrors(bookForm, e));
    }
  };
  const update = async (v: UpdateForm) => {
    try {
      await m.updateOrder.mutateAsync({
        id: editing!.id,
        collectedFen: v.collected ?? undefined,
        paidFen: v.paid ?? undefined,
        deliveredQty: v.deliveredQty,
        deliveredOn: v.deliveredOn ? v.deliveredOn.format('YYYY-MM-DD') : null,
      });
      setEditing(null);
      message.success(t('已更新', 'Updated'));
    } catch (e) {
      message.error(applyServerErrors(updateForm, e));
    }
  };

  return (
    <>
      {s && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="order-totals">
          <Row gutter={[16, 8]}>
            <Col xs={8} md={4}>
              <Statistic title={t('征订册数', 'Copies')} value={s.quantity} />
            </Col>
            <Col xs={8} md={5}>
              <Statistic title={t('应收（元）', 'Due')} value={formatFen(s.amountFen)} />
            </Col>
            <Col xs={8} md={5}>
              <Statistic title={t('已收（元）', 'Collected')} value={formatFen(s.collectedFen)} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title={t('已付书款（元）', 'Paid')} value={formatFen(s.paidFen)} />
            </Col>
            <Col xs={12} md={5}>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)' }}>{t('收缴率', 'Collected')}</div>
              <Progress percent={s.collectionRate ?? 0} size="small" strokeColor="#c41d7f" format={(p) => `${(p ?? 0).toFixed(2)}%`} />
              <div style={{ fontSize: 12 }}>
                {t(`到货 ${s.deliveredQty}/${s.quantity} 册`, `${s.deliveredQty}/${s.quantity} delivered`)}
              </div>
            </Col>
          </Row>
        </Card>
      )}
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <InputNumber
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => {
            if (v) setYear(v);
            setPage(1);
          }}
          style={{ width: 110 }}
          addonAfter={t('年度', '')}
        />
        <Space wrap>
          <ExportButton url="/api/parentschools/orders/export" params={{ year }} />
          {can('parentschools.write') && (
            <>
              <ImportDialog
                title={t(`导入${year}年度教材征订表`, 'Import the order sheet')}
                templateUrl="/api/parentschools/orders/template"
                uploadUrl={`/api/parentschools/orders/import?year=${year}`}
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
              />
              <Button onClick={() => setDialog('book')}>{t('教材目录', 'Catalogue')}</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('order')} data-testid="new-order">
                {t('登记征订', 'New order line')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<TextbookOrder>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('本年度尚无教材征订', 'No orders this year') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('家长学校', 'Site'), dataIndex: 'siteName', width: 170, ellipsis: true },
            { title: t('教材', 'Title'), dataIndex: 'title', ellipsis: true },
            { title: t('册数', 'Copies'), dataIndex: 'quantity', width: 60, align: 'right' },
            { title: t('应收', 'Due'), dataIndex: 'amountFen', width: 100, align: 'right', render: (v: number) => formatFen(v) },
            { title: t('已收', 'Collected'), dataIndex: 'collectedFen', width: 100, align: 'right', render: (v: number) => formatFen(v) },
            { title: t('已付', 'Paid'), dataIndex: 'paidFen', width: 100, align: 'right', render: (v: number) => formatFen(v) },
            {
              title: t('到货', 'Delivery'),
              dataIndex: 'status',
              width: 110,
              render: (st: TextbookOrder['status'], r) => (
                <Tag color={st === 'delivered' ? 'green' : st === 'partly_delivered' ? 'orange' : 'default'}>
                  {ORDER_STATUS_LABELS[st]}
                  {st === 'partly_delivered' ? ` ${r.deliveredQty}` : ''}
                </Tag>
              ),
            },
            ...(can('parentschools.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 80,
                    render: (_: unknown, r: TextbookOrder) => (
                      <Typography.Link
                        onClick={() => {
                          updateForm.setFieldsValue({
                            collected: r.collectedFen,
                            paid: r.paidFen,
                            deliveredQty: r.deliveredQty,
                            deliveredOn: r.deliveredOn ? dayjs(r.deliveredOn) : null,
                          });
                          setEditing(r);
                        }}
                      >
                        {t('收款到货', 'Update')}
                      </Typography.Link>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="orders-table"
        />
      </QueryState>
      <Modal
        open={dialog === 'order'}
        title={t(`登记${year}年度教材征订`, 'New order line')}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={m.createOrder.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={order} initialValues={{ orderedOn: dayjs() }}>
          <Form.Item name="siteId" label={t('家长学校', 'Site')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select showSearch optionFilterProp="label" options={(sites.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="textbookId" label={t('教材', 'Title')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select
              options={(books.data ?? []).map((b: Textbook) => ({ value: b.id, label: `${b.title}（${formatYuan(b.unitPriceFen)}）` }))}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="quantity" label={t('征订册数', 'Copies')} rules={[{ required: true, message: t('请填写', 'Required') }]}>
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="orderedOn" label={t('征订日期', 'Ordered on')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="collected" label={t('已收家长书款', 'Collected')} rules={[moneyRule({ required: false })]}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="paid" label={t('已付书款', 'Paid')} rules={[moneyRule({ required: false })]}>
                <MoneyInput />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <Modal
        open={!!editing}
        title={t(`收款与到货：${editing?.siteName ?? ''}·${editing?.title ?? ''}`, 'Money and delivery')}
        onCancel={() => setEditing(null)}
        onOk={() => updateForm.submit()}
        confirmLoading={m.updateOrder.isPending}
        destroyOnHidden
      >
        <Form form={updateForm} layout="vertical" onFinish={update}>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="collected" label={t('已收家长书款', 'Collected')} rules={[moneyRule({ required: false })]}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="paid" label={t('已付书款', 'Paid')} rules={[moneyRule({ required: false })]}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="deliveredQty" label={t('到货册数', 'Delivered')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="deliveredOn" label={t('到货日期', 'Delivered on')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'book'}
        title={t('教材目录', 'Textbook catalogue')}
        onCancel={() => setDialog(null)}
        onOk={() => bookForm.submit()}
        okText={t('添加教材', 'Add')}
        confirmLoading={m.createTextbook.isPending}
        destroyOnHidden
      >
        <Table<Textbook>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={books.data ?? []}
          columns={[
            { title: t('教材', 'Title'), dataIndex: 'title' },
            { title: t('学段', 'Band'), dataIndex: 'gradeBand', width: 70 },
            { title: t('单价', 'Price'), dataIndex: 'unitPriceFen', width: 80, align: 'right', render: (v: number) => formatFen(v) },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Form form={bookForm} layout="vertical" onFinish={addBook}>
          <Form.Item name="title" label={t('教材名称', 'Title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="publisher" label={t('出版社', 'Publisher')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={6}>
              <Form.Item name="gradeBand" label={t('学段', 'Band')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={6}>
              <Form.Item name="price" label={t('单价', 'Price')} rules={[moneyRule()]}>
                <MoneyInput />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
