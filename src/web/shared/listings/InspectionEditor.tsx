import './i18n.js';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INSPECTION_SECTION_KEYS,
  type InspectionSection,
  ITEM_RESULTS,
  type ItemResult,
  SCORED_SECTIONS,
  SECTION_MAX,
  STANDARD_ITEMS,
  scoreInspection,
} from '../../../server/modules/listings/inspection.js';
import type { TInspectionItemInput } from '../../../server/modules/listings/listings.contract.js';
import { ApiError } from '../api.js';
import { serverFieldErrors } from '../components/form-kit.js';
import { uploadListingImage, useListingInspection, usePutInspection } from '../hooks/listings.js';

interface ItemRow {
  section: InspectionSection;
  code: string;
  name: string;
  result: ItemResult;
  deduction: number;
  note: string;
  photos: string[];
  /** The saved item's id (photos are attached to it), once the report is saved. */
  itemId?: string;
}

function standardRows(): ItemRow[] {
  return STANDARD_ITEMS.map((i) => ({
    section: i.section,
    code: i.code,
    name: i.name,
    result: 'ok',
    deduction: 0,
    note: '',
    photos: [],
  }));
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}

/** A check item's photos: thumbnails, and an upload button (same media endpoint and checks as listing photos). */
function ItemPhotos({
  row,
  editable,
  onChange,
}: {
  row: ItemRow;
  editable: boolean;
  onChange: (photos: string[]) => void;
}) {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const itemId = row.itemId;
  return (
    <Space size={4} wrap data-testid={`item-photos-${row.code}`}>
      {row.photos.map((url) => (
        <span key={url} style={{ position: 'relative', display: 'inline-block' }}>
          <Image src={url} width={40} height={30} style={{ objectFit: 'cover' }} alt={row.name} />
          {editable ? (
            <Button
              size="small"
              type="text"
              danger
              icon={<CloseOutlined />}
              aria-label={t('photos.remove')}
              onClick={() => onChange(row.photos.filter((u) => u !== url))}
            />
          ) : null}
        </span>
      ))}
      {editable ? (
        <>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file || !itemId) return;
              setBusy(true);
              uploadListingImage('inspection_item', itemId, file, 'defect')
                .then((m) => onChange([...row.photos, m.url]))
                .catch((err: unknown) => void message.error(err instanceof Error ? err.message : String(err)))
                .finally(() => setBusy(false));
            }}
          />
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={busy}
            disabled={!itemId}
            title={itemId ? t('photos.upload') : t('photos.inspectionSaveFirst')}
            data-testid={`item-photo-upload-${row.code}`}
            onClick={() => input.current?.click()}
          >
            {t('photos.upload')}
          </Button>
        </>
      ) : null}
    </Space>
  );
}

/** The GB/T 30323 report editor: items by section, with the section scores, total and grade as you type. */
export function InspectionEditor({ listingId, editable }: { listingId: string; editable: boolean }) {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const existing = useListingInspection(listingId, true);
  const save = usePutInspection(listingId);
  const [rows, setRows] = useState<ItemRow[]>(standardRows);
  const [head, setHead] = useState({
    inspector: '',
    inspectionOrg: '',
    inspectedAt: toLocalInput(new Date().toISOString()),
    summary: '',
  });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const r = existing.data;
    if (!r) return;
    setHead({
      inspector: r.inspector,
      inspectionOrg: r.inspectionOrg,
      inspectedAt: toLocalInput(r.inspectedAt),
      summary: r.summary,
    });
    setRows(
      r.items.map((i) => ({
        section: i.section,
        code: i.code,
        name: i.name,
        result: i.result,
        deduction: i.deduction,
        note: i.note ?? '',
        photos: i.photoUrls,
        itemId: i.id,
      })),
    );
  }, [existing.data]);

  const score = useMemo(() => scoreInspection(rows), [rows]);
  const update = (code: string, patch: Partial<ItemRow>) =>
    setRows((rs) => rs.map((r) => (r.code === code ? { ...r, ...patch } : r)));

  const onSave = () => {
    setError(null);
    const items: TInspectionItemInput[] = rows.map((r) => ({
      section: r.section,
      code: r.code,
      name: r.name,
      result: r.result,
      deduction: r.result === 'ok' || r.section === 'accident_redline' ? 0 : r.deduction,
      note: r.note || null,
      photoUrls: r.photos,
    }));
    save.mutate(
      {
        inspector: head.inspector,
        inspectionOrg: head.inspectionOrg,
        inspectedAt: new Date(`${head.inspectedAt}:00+08:00`).toISOString(),
        summary: head.summary,
        items,
      },
      {
        onSuccess: () => void message.success(t('inspection.saved')),
        onError: (e) => {
          // Each field's message names the field (检测项说明最多 500 个字), so list them rather than the summary.
          const fields = serverFieldErrors(e);
          setError(
            fields.length > 0
              ? fields.map((f) => f.message).join('；')
              : e instanceof ApiError
                ? e.message
                : String(e),
          );
        },
      },
    );
  };

  return (
    <Card title={t('inspection.title')} data-testid="inspection-editor">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Statistic title={t('inspection.total')} value={score.totalScore} precision={1} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t('inspection.grade')}
            value={
              score.grade === 5 ? t('inspection.accidentCar') : t('inspection.gradeN', { n: score.grade })
            }
            valueStyle={{ color: score.grade === 5 ? '#cf1322' : score.grade <= 2 ? '#389e0d' : '#d48806' }}
          />
        </Col>
        <Col xs={24} md={16}>
          <Space wrap>
            {SCORED_SECTIONS.map((s) => (
              <Tag key={s} data-testid={`section-score-${s}`}>
                {t(`inspection.sections.${s}`)} {score.sectionScores[s]}/{SECTION_MAX[s]}
              </Tag>
            ))}
          </Space>
        </Col>
      </Row>
      <Form layout="vertical" disabled={!editable}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label={t('inspection.inspector')} required>
              <Input
                value={head.inspector}
                onChange={(e) => setHead({ ...head, inspector: e.target.value })}
                data-testid="inspection-inspector"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label={t('inspection.org')} required>
              <Input
                value={head.inspectionOrg}
                onChange={(e) => setHead({ ...head, inspectionOrg: e.target.value })}
                data-testid="inspection-org"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('inspection.inspectedAt')} required>
              <Input
                type="datetime-local"
                value={head.inspectedAt}
                onChange={(e) => setHead({ ...head, inspectedAt: e.target.value })}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('inspection.summary')}>
          <Input.TextArea
            rows={2}
            value={head.summary}
            onChange={(e) => setHead({ ...head, summary: e.target.value })}
          />
        </Form.Item>
        {INSPECTION_SECTION_KEYS.map((section) => (
          <Card
            key={section}
            size="small"
            type="inner"
            style={{ marginBottom: 12 }}
            title={`${t(`inspection.sections.${section}`)}${
              section === 'accident_redline'
                ? ''
                : ` · ${score.sectionScores[section]}/${SECTION_MAX[section]}`
            }`}
          >
            <Table<ItemRow>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={rows.filter((r) => r.section === section)}
              columns={[
                {
                  title: t('inspection.item'),
                  key: 'name',
                  width: 220,
                  render: (_, r) => `${r.code} ${r.name}`,
                },
                {
                  title: t('inspection.result'),
                  key: 'result',
                  width: 130,
                  render: (_, r) => (
                    <Select<ItemResult>
                      size="small"
                      style={{ width: 120 }}
                      value={r.result}
                      data-testid={`result-${r.code}`}
                      options={ITEM_RESULTS.filter((x) =>
                        section === 'accident_redline' ? x === 'ok' || x === 'redline' : x !== 'redline',
                      ).map((x) => ({ value: x, label: t(`inspection.results.${x}`) }))}
                      onChange={(result) =>
                        update(r.code, { result, deduction: result === 'ok' ? 0 : r.deduction })
                      }
                    />
                  ),
                },
                ...(section === 'accident_redline'
                  ? []
                  : [
                      {
                        title: t('inspection.deduction'),
                        key: 'deduction',
                        width: 110,
                        render: (_: unknown, r: ItemRow) => (
                          <InputNumber
                            size="small"
                            min={0}
                            max={20}
                            step={0.5}
                            disabled={r.result === 'ok'}
                            value={r.deduction}
                            data-testid={`deduction-${r.code}`}
                            onChange={(v) => update(r.code, { deduction: Number(v ?? 0) })}
                          />
                        ),
                      },
                    ]),
                {
                  title: t('inspection.note'),
                  key: 'note',
                  render: (_, r) => (
                    <Input
                      size="small"
                      value={r.note}
                      onChange={(e) => update(r.code, { note: e.target.value })}
                    />
                  ),
                },
                {
                  title: t('inspection.photos'),
                  key: 'photos',
                  width: 240,
                  render: (_, r) => (
                    <ItemPhotos
                      row={r}
                      editable={editable}
                      onChange={(photos) => update(r.code, { photos })}
                    />
                  ),
                },
              ]}
            />
          </Card>
        ))}
      </Form>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      {editable ? (
        <Button type="primary" onClick={onSave} loading={save.isPending} data-testid="inspection-save">
          {t('inspection.save')}
        </Button>
      ) : null}
    </Card>
  );
}
