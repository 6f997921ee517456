import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { DONOR_KIND_LABELS, formatChineseDate, formatFen } from '@jinguo/domain';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useReceipt } from '../api';
import './receipt.css';

/** 捐赠收据: printable on A5 landscape; the amount in figures and in Chinese capitals (大写金额). */
export function ReceiptPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const r = useReceipt(id);
  const d = r.data;
  return (
    <>
      <div className="no-print">
        <PageHeader
          title={t('捐赠收据', 'Donation receipt')}
          extra={
            <Space>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('打印', 'Print')}
              </Button>
            </Space>
          }
        />
      </div>
      <QueryState loading={r.isLoading} error={r.error}>
        {d && (
          <div className="receipt" data-testid="receipt">
            <h1>
              {d.orgName}
              <br />捐 赠 收 据
            </h1>
            <div className="receipt-no">
              No. {d.receiptNo}
              {d.reversed && <span className="void">（已冲销作废）</span>}
            </div>
            <table>
              <tbody>
                <tr>
                  <th>捐赠人</th>
                  <td colSpan={3}>
                    {d.donorName}
                    {d.donorKind !== 'anonymous' && `（${DONOR_KIND_LABELS[d.donorKind]}）`}
                    {d.donorCreditCode && `　统一社会信用代码：${d.donorCreditCode}`}
                  </td>
                </tr>
                <tr>
                  <th>捐赠日期</th>
                  <td>{formatChineseDate(d.donatedOn)}</td>
                  <th>捐赠用途</th>
                  <td>{d.programmeName ?? '一般用途'}</td>
                </tr>
                <tr>
                  <th>捐赠内容</th>
                  <td colSpan={3}>
                    {d.form === 'goods' ? `${d.item} ${d.quantity}${d.unit}，单位价值 ${formatFen(d.unitValueFen ?? 0)} 元` : '货币资金'}
                  </td>
                </tr>
                <tr>
                  <th>金额（大写）</th>
                  <td colSpan={3} className="amount-upper" data-testid="receipt-upper">
                    人民币 {d.amountUppercase}
                  </td>
                </tr>
                <tr>
                  <th>金额（小写）</th>
                  <td colSpan={3} className="amount">
                    ¥ {formatFen(d.amountFen)}
                  </td>
                </tr>
                {d.memo && (
                  <tr>
                    <th>备注</th>
                    <td colSpan={3}>{d.memo}</td>
                  </tr>
                )}
              </tbody>
            </table>
            <div className="receipt-foot">
              <span>收款单位（盖章）：{d.orgName}</span>
              <span>经办人：{d.issuedBy}</span>
            </div>
            <p className="thanks">感谢您对妇女儿童事业的关心和支持！</p>
          </div>
        )}
      </QueryState>
    </>
  );
}
