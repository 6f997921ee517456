import { useIdempotencyKey } from '../../../ui/idempotency';
import { MoneyInput, moneyRule } from '../../../ui';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { DONOR_KIND_LABELS, FUND_ACCOUNT_KIND_LABELS, PAYMENT_METHOD_LABELS, type FundAccount, type PersonDetail } from '@jinguo/domain';
import { api } from '../../../app/api';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect } from '../../../ui';
import { useAccounts, useApprovers, useFundsMutations } from '../api';
import { PersonSelect } from './PersonSelect';
import { useProgrammes } from '../../../ui/programmes';

const holding = (a: FundAccount) => a.kind === 'cash' || a.kind === 'budget' || a.kind === 'goods';
const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function ProgrammeSelect(props: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const programmes = useProgrammes();
  const codes = [...new Map((programmes.data ?? []).map((p) => [p.code, p.name])).entries()];
  return (
    <Select
      {...props}
      allowClear
      placeholder={t('不指定（一般用途）', 'Undesignated')}
      options={codes.map(([code, name]) => ({ value: code, label: `${name}（${code}）` }))}
    />
  );
}

/** 接收捐赠 / 财政拨款: money (yuan as typed) into a fund, or goods (quantity × unit value) into a stock. */
export function DonationModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone?: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const accounts = useAccounts();
  const { donate } = useFundsMutations();
  // One key per opening: pressing 登记 again after a lost answer cannot record the donation twice.
  const idempotencyKey = useIdempotencyKey(open);
  const accountId = Form.useWatch('accountId', form);
  const donorKind = Form.useWatch('donorKind', form);
  const source = Form.useWatch('source', form);
  const account = accounts.data?.find((a) => a.id === accountId);
  const goods = account?.kind === 'goods';

  const submit = async (v: Record<string, unknown>) => {
    try {
      const d = await donate.mutateAsync({
        source: v.source as 'donation' | 'appropriation',
        donorKind: v.donorKind as 'person' | 'organisation' | 'anonymous',
        donorPersonId: (v.donorPersonId as string) || null,
        donorName: (v.donorName as string) || null,
        donorCreditCode: (v.donorCreditCode as string) || null,
        accountId: v.accountId as string,
        programmeCode: (v.programmeCode as string) || null,
        amountFen: goods ? undefined : ((v.amount as number | null) ?? undefined),
        quantity: goods ? (v.quantity as number) : undefined,
        unitValueFen: goods ? ((v.unitValue as number | null) ?? undefined) : undefined,
        donatedOn: day(v.donatedOn as Dayjs)!,
        memo: (v.memo as string) || null,
        idempotencyKey,
      });
      message.success(d.receiptNo ? t(`已登记，收据号 ${d.receiptNo}`, `Recorded, receipt ${d.receiptNo}`) : t('已登记', 'Recorded'));
      form.resetFields();
      onDone?.(d.id);
      onClose();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('登记收入（捐赠 / 拨款）', 'Record money or goods received')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('登记', 'Record')}
      confirmLoading={donate.isPending}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={{ source: 'donation', donorKind: 'organisation', donatedOn: dayjs() }}
        data-testid="donation-form"
      >
        <Form.Item name="source" label={t('来源', 'Source')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'donation', label: t('社会捐赠', 'Donation') },
              { value: 'appropriation', label: t('财政拨款', 'Appropriation') },
            ]}
          />
        </Form.Item>
        <Form.Item name="donorKind" label={t('捐赠人', 'Donor')}>
          <Radio.Group options={Object.entries(DONOR_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {donorKind === 'person' && (
          <Form.Item name="donorPersonId" label={t('登记人员（可选）', 'Registered person (optional)')}>
            <PersonSelect />
          </Form.Item>
        )}
        {donorKind !== 'anonymous' && (
          <Form.Item
            name="donorName"
            label={donorKind === 'organisation' ? t('单位名称', 'Organisation') : t('姓名', 'Name')}
            rules={[{ required: donorKind === 'organisation', message: t('请填写单位名称', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        {donorKind === 'organisation' && (
          <Form.Item name="donorCreditCode" label={t('统一社会信用代码（可选）', 'Credit code (optional)')}>
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item
          name="accountId"
          label={t('记入账户', 'Into account')}
          rules={[{ required: true, message: t('请选择账户', 'Choose an account') }]}
        >
          <Select
            placeholder={t('选择资金、预算经费或物资账户', 'Choose an account')}
            options={(accounts.data ?? [])
              .filter(holding)
              .filter((a) => (source === 'appropriation' ? a.kind === 'budget' : a.kind !== 'budget'))
              .map((a) => ({ value: a.id, label: `${a.name}（${FUND_ACCOUNT_KIND_LABELS[a.kind]}）` }))}
          />
        </Form.Item>
        <Form.Item name="programmeCode" label={t('指定用途（项目）', 'Designated to programme')}>
          <ProgrammeSelect />
        </Form.Item>
        {goods ? (
          <>
            <Form.Item
              name="quantity"
              label={`${t('数量', 'Quantity')}（${account?.unit ?? ''}）`}
              rules={[{ required: true, message: t('请填写数量', 'Required') }]}
            >
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="unitValue"
              label={t(`单位价值（默认 ${((account?.unitValueFen ?? 0) / 100).toFixed(2)} 元）`, 'Unit value')}
              rules={[moneyRule({ required: false })]}
            >
              <MoneyInput />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="amount"
            label={t('金额', 'Amount')}
            rules={[moneyRule()]}
            extra={t('可输入 1200、1,200.50 等', 'e.g. 1200 or 1,200.50')}
          >
            <MoneyInput data-testid="donation-amount" />
          </Form.Item>
        )}
        <Form.Item name="donatedOn" label={t('日期', 'Date')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="memo" label={t('备注', 'Memo')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 拨付: money or goods out of a holding account to a person, a village or an event, approved by a leader. */
export function DisbursementModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const accounts = useAccounts();
  const approvers = useApprovers();
  const { disburse } = useFundsMutations();
  const idempotencyKey = useIdempotencyKey(open);
  const accountId = Form.useWatch('accountId', form);
  const recipientKind = Form.useWatch('recipientKind', form);
  const method = Form.useWatch('method', form);
  const account = accounts.data?.find((a) => a.id === accountId);
  const goods = account?.kind === 'goods';

  const submit = async (v: Record<string, unknown>) => {
    try {
      // "Her household": the household the registry records for the chosen person.
      let recipientHouseholdId: string | null = null;
      if (v.recipientKind === 'household') {
        const person = await api.get<PersonDetail>(`/api/people/${v.recipientPersonId as string}`);
        if (!person.household) {
          form.setFields([{ name: 'recipientPersonId', errors: [t('该人员没有登记家庭', 'No household recorded for this person')] }]);
          return;
        }
        recipientHouseholdId = person.household.id;
      }
      await disburse.mutateAsync({
        accountId: v.accountId as string,
        programmeCode: (v.programmeCode as string) || null,
        recipientKind: v.recipientKind as 'person' | 'household' | 'village' | 'event',
        recipientPersonId: v.recipientKind === 'person' ? (v.recipientPersonId as string) || null : null,
        recipientHouseholdId,
        recipientOrgId: (v.recipientOrgId as string) || null,
        recipientEventName: (v.recipientEventName as string) || null,
        method: goods ? 'in_kind' : (v.method as 'cash' | 'bank_transfer'),
        bankCard: (v.bankCard as string)?.replace(/\s/g, '') || null,
        amountFen: goods ? undefined : ((v.amount as number | null) ?? undefined),
        quantity: goods ? (v.quantity as number) : undefined,
        paidOn: day(v.paidOn as Dayjs)!,
        approvedBy: v.approvedBy as string,
        purpose: v.purpose as string,
        idempotencyKey,
      });
      message.success(t('已拨付', 'Paid out'));
      form.resetFields();
      onDone?.();
      onClose();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('拨付资金或物资', 'Pay out')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('拨付', 'Pay out')}
      confirmLoading={disburse.isPending}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={{ recipientKind: 'person', method: 'cash', paidOn: dayjs() }}
        data-testid="disbursement-form"
      >
        <Form.Item
          name="accountId"
          label={t('从账户', 'From account')}
          rules={[{ required: true, message: t('请选择账户', 'Choose an account') }]}
        >
          <Select
            placeholder={t('选择账户', 'Choose an account')}
            options={(accounts.data ?? []).filter(holding).map((a) => ({
              value: a.id,
              label: `${a.name}　${a.kind === 'goods' ? `${a.balanceQty}${a.unit ?? ''}` : `余额 ${(a.balanceFen / 100).toFixed(2)} 元`}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="programmeCode"
          label={t('项目', 'Programme')}
          extra={t('指定用于其他项目的捐赠不会被动用', 'Money designated to another programme is never used')}
        >
          <ProgrammeSelect />
        </Form.Item>
        <Form.Item name="recipientKind" label={t('拨付对象', 'Recipient')}>
          <Radio.Group
            options={[
              { value: 'person', label: t('个人', 'Person') },
              { value: 'household', label: t('家庭', 'Household') },
              { value: 'village', label: t('村（社区）', 'Village') },
              { value: 'event', label: t('活动', 'Event') },
            ]}
          />
        </Form.Item>
        {(recipientKind === 'person' || recipientKind === 'household') && (
          <Form.Item
            name="recipientPersonId"
            label={recipientKind === 'household' ? t('家庭成员（发给其家庭）', 'A member of the household') : t('受助人', 'Beneficiary')}
            rules={[{ required: true, message: t('请选择受助人', 'Choose a person') }]}
          >
            <PersonSelect />
          </Form.Item>
        )}
        {recipientKind === 'village' && (
          <Form.Item
            name="recipientOrgId"
            label={t('村（社区）', 'Village')}
            rules={[{ required: true, message: t('请选择村（社区）', 'Choose a village') }]}
          >
            <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
          </Form.Item>
        )}
        {recipientKind === 'event' && (
          <Form.Item
            name="recipientEventName"
            label={t('活动名称', 'Event')}
            rules={[{ required: true, message: t('请填写活动名称', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        {goods ? (
          <Form.Item
            name="quantity"
            label={`${t('数量', 'Quantity')}（${account?.unit ?? ''}）`}
            rules={[{ required: true, message: t('请填写数量', 'Required') }]}
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="amount" label={t('金额', 'Amount')} rules={[moneyRule()]}>
              <MoneyInput data-testid="disbursement-amount" />
            </Form.Item>
            <Form.Item name="method" label={t('发放方式', 'Method')}>
              <Radio.Group options={(['cash', 'bank_transfer'] as const).map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))} />
            </Form.Item>
            {method === 'bank_transfer' && (
              <Form.Item
                name="bankCard"
                label={t('收款银行卡号', 'Bank card')}
                rules={[{ required: true, message: t('银行转账须填写银行卡号', 'Required') }]}
              >
                <Input maxLength={23} inputMode="numeric" />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="paidOn" label={t('拨付日期', 'Date')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="approvedBy"
          label={t('审批人', 'Approved by')}
          rules={[{ required: true, message: t('请选择审批人', 'Choose the approver') }]}
        >
          <Select options={(approvers.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('用途', 'Purpose')} rules={[{ required: true, message: t('请填写用途', 'Required') }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 新建账户: a cash fund, a budget allocation or a goods stock (item, unit, unit value). */
export function AccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { createAccount } = useFundsMutations();
  const kind = Form.useWatch('kind', form);
  const submit = async (v: Record<string, unknown>) => {
    try {
      await createAccount.mutateAsync({
        code: String(v.code).toUpperCase(),
        name: v.name as string,
        kind: v.kind as 'cash' | 'budget' | 'goods',
        programmeCode: (v.programmeCode as string) || null,
        item: (v.item as string) || null,
        unit: (v.unit as string) || null,
        unitValueFen: (v.unitValue as number | null) ?? null,
      });
      message.success(t('已建立账户', 'Account created'));
      onClose();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('新建账户', 'New account')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={createAccount.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={{ kind: 'cash' }}>
        <Form.Item name="kind" label={t('类型', 'Kind')}>
          <Radio.Group
            optionType="button"
            options={(['cash', 'budget', 'goods'] as const).map((k) => ({ value: k, label: FUND_ACCOUNT_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('请填写名称', 'Required') }]}>
          <Input maxLength={50} placeholder={t('如：救助基金、两纲专项经费、医疗物资', 'e.g. relief fund')} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('代码', 'Code')}
          rules={[{ required: true, message: t('请填写代码', 'Required') }]}
          extra={t('大写字母、数字或下划线，如 RELIEF_FUND', 'Upper case, e.g. RELIEF_FUND')}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="programmeCode" label={t('默认用途（项目）', 'Default programme')}>
          <ProgrammeSelect />
        </Form.Item>
        {kind === 'goods' && (
          <>
            <Form.Item name="item" label={t('物品名称', 'Item')} rules={[{ required: true, message: t('请填写物品名称', 'Required') }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="unit" label={t('计量单位', 'Unit')} rules={[{ required: true, message: t('请填写计量单位', 'Required') }]}>
              <Input maxLength={10} placeholder={t('如：份、公斤、册', 'e.g. kg')} />
            </Form.Item>
            <Form.Item name="unitValue" label={t('单位价值', 'Unit value')} rules={[moneyRule()]}>
              <MoneyInput />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
