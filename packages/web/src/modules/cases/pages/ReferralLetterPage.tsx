import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import { REFERRAL_KIND_LABELS, formatChineseDate } from '@jinguo/domain';
import { useParams } from 'react-router-dom';
import { formatDateTime } from '../../../ui';
import { useI18n } from '../../../app/i18n';
import { issueLetter } from '../api';
import '../components/print.css';

/**
 * 转介函: the letter an agency without an account answers from. Opening it issues a fresh one-time link (its
 * QR code printed on the receipt slip); an earlier printout's link stops working.
 */
export function ReferralLetterPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['cases', 'letter', id],
    queryFn: () => issueLetter(id),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  if (q.isLoading) return <Spin fullscreen />;
  if (q.error || !q.data)
    return (
      <Alert
        type="error"
        showIcon
        style={{ margin: 24 }}
        title={q.error instanceof Error ? q.error.message : t('无法出具转介函', 'Cannot issue the letter')}
      />
    );
  const { referral: r, url, qrDataUrl, fromOrgName, letterNo, issuedDate, expiresAt } = q.data;
  return (
    <div className="jg-print-page">
      <div className="jg-toolbar">
        <Button onClick={() => window.close()}>{t('关闭', 'Close')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('打印', 'Print')}
        </Button>
      </div>
      <div className="jg-sheet" data-testid="letter-sheet">
        <h1>{r.kind === 'court_filing' ? '支持起诉转介函' : '转介函'}</h1>
        <div className="jg-sub">编号：{letterNo}</div>
        <p>{r.agencyName}：</p>
        <p style={{ textIndent: '2em' }}>
          我会接待的{r.categoryLabel}类事项（编号{r.caseNo}），当事人{r.applicantName}（{r.applicantGender}
          {r.applicantAge != null ? `，${r.applicantAge}岁` : ''}
          {r.applicantPhone ? `，联系电话${r.applicantPhone}` : ''}），{r.consentRecorded ? '经当事人同意，' : ''}于
          {formatChineseDate(r.sentDate)}转介贵单位，请协助：
        </p>
        <p style={{ textIndent: '2em', fontWeight: 600 }}>{r.serviceRequested}</p>
        {r.noteForAgency && <p style={{ textIndent: '2em' }}>{r.noteForAgency}</p>}
        {r.narrative && <p style={{ textIndent: '2em', whiteSpace: 'pre-wrap' }}>情况说明：{r.narrative}</p>}
        <p style={{ textIndent: '2em' }}>
          请于{formatChineseDate(r.dueDate)}
          前将接收及办理情况反馈我会（可扫描下方二维码在线答复，或填写回执寄回）。当事人个人信息仅限办理本事项使用，请予保密。
        </p>
        <div className="jg-sign">
          <div>{fromOrgName}（盖章）</div>
          <div>{formatChineseDate(issuedDate)}</div>
          {r.contactName && <div>联系人：{r.contactName}</div>}
        </div>
        <div className="jg-cut">✂　沿此线剪下　✂</div>
        <h1 style={{ fontSize: 20 }}>转介接收回执</h1>
        <table className="jg-form">
          <tbody>
            <tr>
              <td className="jg-label">转介编号</td>
              <td>
                {letterNo}（{REFERRAL_KIND_LABELS[r.kind]}）
              </td>
              <td rowSpan={4} style={{ width: 150, textAlign: 'center', verticalAlign: 'middle' }}>
                <img src={qrDataUrl} alt="答复二维码" style={{ width: 130, height: 130 }} data-testid="letter-qr" />
                <div style={{ fontSize: 11 }}>扫码在线答复</div>
              </td>
            </tr>
            <tr>
              <td className="jg-label">接收情况</td>
              <td>□ 接收办理　□ 不予接收（理由：＿＿＿＿＿＿）</td>
            </tr>
            <tr>
              <td className="jg-label">办理结果</td>
              <td style={{ height: 60 }}></td>
            </tr>
            <tr>
              <td className="jg-label">经办人</td>
              <td>＿＿＿＿＿＿　　年　月　日（盖章）</td>
            </tr>
          </tbody>
        </table>
        <p style={{ fontSize: 11, marginTop: 8, wordBreak: 'break-all' }}>
          在线答复地址（仅限本件使用，{formatDateTime(expiresAt).slice(0, 10)}前有效，答复办结后失效）：{url}
        </p>
      </div>
    </div>
  );
}
