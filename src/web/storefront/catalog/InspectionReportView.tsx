import { CheckCircleTwoTone, WarningTwoTone } from '@ant-design/icons';
import { Card, Collapse, Descriptions, Image, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { STANDARD_ITEMS } from '../../../server/modules/listings/inspection.js';
import type { TPublicInspectionReport } from '../../../server/modules/listings/listings.contract.js';
import { LangText } from '../../shared/components/LangText.js';
import { formatTime } from '../../shared/format.js';

const SEVERITY_COLOUR: Record<string, string> = {
  redline: 'red',
  severe: 'volcano',
  moderate: 'orange',
  minor: 'gold',
  ok: 'green',
};
const GRADE_COLOUR: Record<number, string> = {
  1: '#389e0d',
  2: '#7cb305',
  3: '#d48806',
  4: '#d4380d',
  5: '#cf1322',
};

const EN_BY_CODE = new Map(STANDARD_ITEMS.map((i) => [i.code, i]));
const EN_BY_NAME = new Map(STANDARD_ITEMS.map((i) => [i.name, i.nameEn]));

/**
 * A check item's name in the page's language: the standard item's English name when the report kept the
 * standard wording; a name the inspector wrote themselves stays as written.
 */
export function checkItemName(name: string, code: string | null, lang: string): string {
  if (lang !== 'en') return name;
  const standard = code ? EN_BY_CODE.get(code) : undefined;
  if (standard && standard.name === name) return standard.nameEn;
  return EN_BY_NAME.get(name) ?? name;
}

/**
 * The inspection report as a buyer wants to read it: grade and score first, the accident/flood/fire
 * disclosures, then each finding (worst first) with its photos, and the checks that passed collapsed.
 */
export function InspectionReportView({ report }: { report: TPublicInspectionReport }) {
  const { t, i18n } = useTranslation('storefront');
  const lang = i18n.language;
  const d = report.disclosures;
  const okCount = report.okBySection.reduce((n, s) => n + s.count, 0);
  return (
    <Card title={t('vehicle.inspection')} data-testid="inspection-report">
      <Space align="center" size={16} wrap style={{ marginBottom: 12 }}>
        <Progress
          type="circle"
          size={88}
          percent={report.totalScore}
          format={() => <span data-testid="inspection-score">{report.totalScore}</span>}
          strokeColor={GRADE_COLOUR[report.grade]}
        />
        <div>
          <Typography.Title
            level={4}
            style={{ margin: 0, color: GRADE_COLOUR[report.grade] }}
            data-testid="inspection-grade"
          >
            {t(`vehicle.gradeText.${report.grade}`)}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <LangText>
              {t('vehicle.inspectionBy', {
                org: report.inspectionOrg,
                inspector: report.inspector,
                date: formatTime(report.inspectedAt).slice(0, 10),
              })}
            </LangText>
          </Typography.Text>
          {report.summary && (
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>
              <LangText>{report.summary}</LangText>
            </Typography.Paragraph>
          )}
        </div>
      </Space>
      <Descriptions
        size="small"
        column={3}
        bordered
        title={t('vehicle.disclosures')}
        data-testid="disclosures"
      >
        {(
          [
            ['accident', d.accident],
            ['flood', d.flood],
            ['fire', d.fire],
          ] as const
        ).map(([k, v]) => (
          <Descriptions.Item key={k} label={t(`vehicle.${k}`)}>
            <Tag color={v ? 'red' : 'green'}>{v ? t('vehicle.yes') : t('vehicle.none')}</Tag>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '12px 0' }}>
        {report.sections.map((s) => (
          <Tag key={s.section} style={{ margin: 0 }}>
            {t(`vehicle.sections.${s.section}`)} {s.score}/{s.max}
          </Tag>
        ))}
      </div>
      <Typography.Title level={5}>
        <WarningTwoTone twoToneColor="#fa8c16" /> {t('vehicle.findings', { count: report.findings.length })}
      </Typography.Title>
      {report.findings.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('vehicle.noFindings')}</Typography.Paragraph>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="inspection-findings">
          {report.findings.map((f) => (
            <div
              key={f.id}
              data-testid="inspection-finding"
              style={{
                borderLeft: `3px solid`,
                borderColor: 'var(--ant-color-warning, #fa8c16)',
                paddingLeft: 10,
              }}
            >
              <Space wrap size={6}>
                <Tag color={SEVERITY_COLOUR[f.result]}>{t(`vehicle.severity.${f.result}`)}</Tag>
                <Typography.Text strong>
                  <LangText>{checkItemName(f.name, f.code, lang)}</LangText>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`vehicle.sections.${f.section}`)} · {f.code}
                  {f.deduction > 0 ? ` · ${t('vehicle.deduction', { n: f.deduction })}` : ''}
                </Typography.Text>
              </Space>
              {f.note && (
                <div style={{ fontSize: 13, marginTop: 2 }}>
                  <LangText>{f.note}</LangText>
                </div>
              )}
              {f.photoUrls.length > 0 && (
                <Image.PreviewGroup>
                  <Space wrap size={6} style={{ marginTop: 6 }}>
                    {f.photoUrls.map((u) => (
                      <Image
                        key={u}
                        src={u}
                        width={96}
                        height={72}
                        style={{ objectFit: 'cover', borderRadius: 4 }}
                        alt={checkItemName(f.name, f.code, lang)}
                      />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              )}
            </div>
          ))}
        </Space>
      )}
      <Collapse
        ghost
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'ok',
            label: (
              <span>
                <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('vehicle.okItems', { count: okCount })}
              </span>
            ),
            children: report.okBySection.map((s) => (
              <div key={s.section} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t(`vehicle.sections.${s.section}`)}</Typography.Text>
                <div style={{ fontSize: 13, color: '#595959' }}>
                  {s.names.map((n) => checkItemName(n, null, lang)).join(t('vehicle.listSeparator'))}
                </div>
              </div>
            )),
          },
        ]}
      />
    </Card>
  );
}
