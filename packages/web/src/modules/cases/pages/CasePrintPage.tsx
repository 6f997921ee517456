import { PrinterOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import {
  CASE_CHANNEL_LABELS,
  CASE_OUTCOME_LABELS,
  MATTER_TYPE_LABELS,
  PARTY_RELATION_LABELS,
  PARTY_ROLE_LABELS,
  RISK_LEVEL_LABELS,
  REFERRAL_STATUS_LABELS,
  SATISFACTION_LABELS,
  formatChineseDate,
} from '@jinguo/domain';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { useCase } from '../api';
import '../components/print.css';

/** 信访登记表: the registration form for the file, printed from the case (masked as any view is). */
export function CasePrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const q = useCase(id);
  const c = q.data;
  if (q.isLoading) return <Spin fullscreen />;
  if (!c) return <div style={{ padding: 24 }}>{t('事项不存在或无权访问', 'Not found')}</div>;
  const a = c.applicant;
  return (
    <div className="jg-print-page">
      <div className="jg-toolbar">
        <Button onClick={() => window.close()}>{t('关闭', 'Close')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('打印', 'Print')}
        </Button>
      </div>
      <div className="jg-sheet" data-testid="print-sheet">
        <h1>信访登记表</h1>
        <div className="jg-sub">
          {c.ownerName}　　编号：{c.caseNo}
        </div>
        <table className="jg-form">
          <tbody>
            <tr>
              <td className="jg-label">来访人</td>
              <td>{a.name}</td>
              <td className="jg-label">性别</td>
              <td>{a.gender === 'female' ? '女' : '男'}</td>
            </tr>
            <tr>
              <td className="jg-label">身份证号</td>
              <td>{a.idNumberMasked ?? ''}</td>
              <td className="jg-label">联系电话</td>
              <td>{a.phoneMasked ?? ''}</td>
            </tr>
            <tr>
              <td className="jg-label">居住地</td>
              <td>{a.residenceName ?? ''}</td>
              <td className="jg-label">来源渠道</td>
              <td>{CASE_CHANNEL_LABELS[c.channel]}</td>
            </tr>
            <tr>
              <td className="jg-label">收到日期</td>
              <td>{formatChineseDate(c.receivedDate)}</td>
              <td className="jg-label">类别</td>
              <td>
                {c.categoryLabel}
                {c.matterType ? `（${MATTER_TYPE_LABELS[c.matterType]}）` : ''}
              </td>
            </tr>
            <tr>
              <td className="jg-label">当事人</td>
              <td colSpan={3}>
                {c.parties.map((p) => `${p.name}（${PARTY_ROLE_LABELS[p.role]}，${PARTY_RELATION_LABELS[p.relation]}）`).join('；') || '—'}
              </td>
            </tr>
            <tr>
              <td className="jg-label">反映的主要问题及诉求</td>
              <td colSpan={3} style={{ height: 120 }}>
                {c.summary}
                {c.narrative && <div style={{ marginTop: 6, whiteSpace: 'pre-wrap' }}>{c.narrative}</div>}
              </td>
            </tr>
            {c.riskLevel && (
              <tr>
                <td className="jg-label">风险评估</td>
                <td colSpan={3}>
                  {RISK_LEVEL_LABELS[c.riskLevel]}（{c.riskAssessedDate}）
                </td>
              </tr>
            )}
            <tr>
              <td className="jg-label">受理情况</td>
              <td colSpan={3}>
                {c.acceptedDate
                  ? `${formatChineseDate(c.acceptedDate)}受理。${c.acceptNotice ?? ''}`
                  : c.notAcceptedReason
                    ? `不予受理：${c.notAcceptedReason}`
                    : c.divertedTo
                      ? `导入诉讼程序（${c.divertedTo}）：${c.divertedReason}`
                      : '待定'}
              </td>
            </tr>
            <tr>
              <td className="jg-label">办理情况</td>
              <td colSpan={3} style={{ height: 100 }}>
                {c.actions.map((x) => `${x.date} ${x.note}`).join('；')}
                {c.referrals.length > 0 && (
                  // The referral's status in the page's words (已发送待接收, 已接收办理中 …): one wording everywhere.
                  <div>转介：{c.referrals.map((r) => `${r.agencyName}（${REFERRAL_STATUS_LABELS[r.status]}）`).join('、')}</div>
                )}
              </td>
            </tr>
            <tr>
              <td className="jg-label">办理结果</td>
              <td colSpan={3}>
                {c.closedDate
                  ? `${formatChineseDate(c.closedDate)}办结。${c.outcome ? CASE_OUTCOME_LABELS[c.outcome] : ''}：${c.reply ?? ''}`
                  : ''}
              </td>
            </tr>
            <tr>
              <td className="jg-label">当事人意见</td>
              <td colSpan={3}>{c.satisfaction ? SATISFACTION_LABELS[c.satisfaction] : ''}</td>
            </tr>
            <tr>
              <td className="jg-label">承办人</td>
              <td>{c.assigneeName ?? ''}</td>
              <td className="jg-label">领导意见</td>
              <td style={{ height: 60 }}></td>
            </tr>
          </tbody>
        </table>
        <div className="jg-sign">登记人：＿＿＿＿　　　年　　月　　日</div>
      </div>
    </div>
  );
}
