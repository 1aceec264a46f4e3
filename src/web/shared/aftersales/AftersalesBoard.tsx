import './i18n.js';
import './labels.i18n.js';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Image,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMISSION_STANDARDS,
  PLATE_SERVICE_STATUSES,
} from '../../../server/modules/fulfilment/fulfilment.aftersales.enums.js';
import { CLAIM_STATUSES } from '../../../server/modules/fulfilment/fulfilment.warranty.enums.js';
import { ApiError } from '../api.js';
import { formatTime, yuan } from '../format.js';
import {
  type TPlateService,
  type TTitleTransfer,
  type TWarrantyClaim,
  useAdvancePlateService,
  useClaimQueue,
  useCompleteTitleTransfer,
  useDecideClaim,
  usePlateServiceBoard,
  useRetryReplacement,
  useTitleTransferBoard,
  useUpdateTitleTransfer,
} from '../hooks/fulfilment-aftersales.js';
import { useStaffMe } from '../hooks/identity.js';

// The staff after-sales board (console at /console/aftersales, dealer portal at /dealer/aftersales, where the
// server scopes every list to the dealer): the 三包 claims queue by decision deadline, the title-transfer
// board, and the plate-service board. Tabs follow the signed-in staff member's permissions.

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function ClaimsQueue() {
  const { t } = useTranslation('aftersales');
  const { t: tl } = useTranslation('storefrontAftersales');
  const { message } = App.useApp();
  const [status, setStatus] = useState('submitted');
  const q = useClaimQueue(status);
  const decide = useDecideClaim();
  const retry = useRetryReplacement();
  const [open, setOpen] = useState<TWarrantyClaim | null>(null);
  const [decision, setDecision] = useState('repair');
  const [reason, setReason] = useState('');
  return (
    <>
      <Select
        value={status}
        style={{ width: 160, marginBottom: 12 }}
        onChange={setStatus}
        options={[
          { value: '', label: t('all') },
          ...CLAIM_STATUSES.map((s) => ({ value: s, label: tl(`claim.statuses.${s}`) })),
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="claims-queue"
        columns={[
          { title: t('order'), dataIndex: 'orderNumber' },
          { title: t('vehicle'), dataIndex: 'vehicleTitle' },
          { title: t('claims.defect'), render: (_, c) => tl(`claim.defects.${c.defect}`) },
          { title: t('claims.mileage'), render: (_, c) => `${c.mileageKm} km` },
          {
            title: t('claims.rule'),
            render: (_, c) => (
              <Tag color={c.eligible ? 'green' : 'default'}>{t(`claims.rules.${c.rule}`)}</Tag>
            ),
          },
          {
            title: t('claims.windowEnds'),
            render: (_, c) => (c.windowEndsAt ? formatTime(c.windowEndsAt) : '—'),
          },
          {
            title: t('claims.decisionDue'),
            render: (_, c) => (
              <Space>
                {formatTime(c.decisionDueAt)}
                {c.overdue ? <Tag color="red">{t('claims.overdue')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('status'), render: (_, c) => <Tag>{tl(`claim.statuses.${c.status}`)}</Tag> },
          {
            title: t('actions'),
            render: (_, c) =>
              c.status === 'submitted' ? (
                <Button
                  size="small"
                  onClick={() => {
                    setOpen(c);
                    setDecision(c.eligible ? 'refund' : 'repair');
                    setReason('');
                  }}
                >
                  {t('claims.decide')}
                </Button>
              ) : c.status === 'replacement_pending' ? (
                <Button
                  size="small"
                  loading={retry.isPending}
                  onClick={() =>
                    retry.mutate(c.id, {
                      onSuccess: (r) =>
                        r.replacementVin
                          ? message.success(t('claims.replacementDone', { vin: r.replacementVin }))
                          : message.info(t('claims.stillWaiting')),
                      onError: (e) => message.error(errorText(e)),
                    })
                  }
                >
                  {t('claims.retryReplacement')}
                </Button>
              ) : c.replacementVin ? (
                t('claims.replacementVin', { vin: c.replacementVin })
              ) : c.refundFen !== null ? (
                `¥${yuan(c.refundFen)}`
              ) : null,
          },
        ]}
        expandable={{
          expandedRowRender: (c) => (
            <Space orientation="vertical">
              <span>{c.description}</span>
              <Image.PreviewGroup>
                <Space wrap>
                  {c.photos.map((p) => (
                    // A data URL can be megabytes: its length and tail tell the photos apart well enough.
                    <Image
                      key={`${p.length}:${p.slice(-48)}`}
                      src={p}
                      width={96}
                      height={72}
                      style={{ objectFit: 'cover' }}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            </Space>
          ),
        }}
      />
      <Modal
        open={open !== null}
        title={t('claims.decide')}
        confirmLoading={decide.isPending}
        onCancel={() => setOpen(null)}
        onOk={() =>
          open &&
          decide.mutate(
            { id: open.id, decision, reason: reason.trim() },
            {
              onSuccess: () => {
                setOpen(null);
                void message.success(t('saved'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      >
        <Form layout="vertical">
          <Form.Item label={t('claims.decision')}>
            <Select
              value={decision}
              onChange={setDecision}
              options={(['replace', 'refund', 'repair', 'reject'] as const)
                .filter((d) => open?.eligible || (d !== 'replace' && d !== 'refund'))
                .map((d) => ({ value: d, label: t(`claims.decisions.${d}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('claims.reason')}>
            <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface TitleForm {
  destinationCityCode: string;
  emissionStandard: string | null;
  sellerDocuments: boolean;
  buyerDocuments: boolean;
  appointmentAt: string;
  appointmentOffice: string;
  certificatePhotoUrl: string;
  completedOn: string;
}

function TitleBoard() {
  const { t } = useTranslation('aftersales');
  const { t: tl } = useTranslation('storefrontAftersales');
  const { message } = App.useApp();
  const [status, setStatus] = useState('open');
  const q = useTitleTransferBoard(status);
  const update = useUpdateTitleTransfer();
  const complete = useCompleteTitleTransfer();
  const [editing, setEditing] = useState<TTitleTransfer | null>(null);
  const [form] = Form.useForm<TitleForm>();
  const save = (v: TitleForm) => {
    if (!editing) return;
    const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
    update.mutate(
      {
        orderId: editing.orderId,
        body: {
          destinationCityCode: v.destinationCityCode,
          emissionStandard: v.emissionStandard ?? null,
          sellerDocuments: v.sellerDocuments,
          buyerDocuments: v.buyerDocuments,
          appointmentAt: orNull(v.appointmentAt) ? new Date(v.appointmentAt).toISOString() : null,
          appointmentOffice: orNull(v.appointmentOffice),
          certificatePhotoUrl: orNull(v.certificatePhotoUrl),
          completedOn: orNull(v.completedOn),
        },
      },
      {
        onSuccess: () => {
          setEditing(null);
          void message.success(t('saved'));
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };
  return (
    <>
      <Select
        value={status}
        style={{ width: 160, marginBottom: 12 }}
        onChange={setStatus}
        options={[
          { value: '', label: t('all') },
          { value: 'open', label: tl('title.title') },
          { value: 'completed', label: t('titles.done') },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="title-transfer-board"
        columns={[
          { title: t('order'), dataIndex: 'orderNumber' },
          { title: t('vehicle'), render: (_, r) => `${r.vehicleTitle} ${r.vin ?? ''}` },
          {
            title: t('titles.emission'),
            render: (_, r) => (
              <Tooltip title={r.emission.message}>
                <Tag
                  color={
                    r.emission.outcome === 'ok'
                      ? 'green'
                      : r.emission.outcome === 'blocked'
                        ? 'red'
                        : 'orange'
                  }
                >
                  {r.emission.destinationCityName}
                </Tag>
              </Tooltip>
            ),
          },
          {
            title: t('titles.missing'),
            render: (_, r) =>
              r.status === 'completed' ? (
                <Tag color="green">{t('titles.done')}</Tag>
              ) : (
                r.missing.map((m) => <Tag key={m}>{tl(`title.items.${m}`)}</Tag>)
              ),
          },
          {
            title: t('actions'),
            render: (_, r) =>
              r.status === 'open' ? (
                <Space>
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(r);
                      form.setFieldsValue({
                        destinationCityCode: r.emission.destinationCityCode,
                        emissionStandard: r.emission.actual,
                        sellerDocuments: r.sellerDocumentsAt !== null,
                        buyerDocuments: r.buyerDocumentsAt !== null,
                        appointmentAt: r.appointmentAt ?? '',
                        appointmentOffice: r.appointmentOffice ?? '',
                        certificatePhotoUrl: r.certificatePhotoUrl ?? '',
                        completedOn: r.completedOn ?? '',
                      });
                    }}
                  >
                    {t('titles.edit')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    disabled={r.missing.length > 0}
                    loading={complete.isPending}
                    onClick={() =>
                      complete.mutate(r.orderId, { onError: (e) => void message.error(errorText(e)) })
                    }
                  >
                    {t('titles.complete')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.orderNumber}
        confirmLoading={update.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="destinationCityCode" label={t('titles.city')} rules={[{ pattern: /^\d{6}$/ }]}>
            <Input />
          </Form.Item>
          <Form.Item name="emissionStandard" label={t('titles.emissionStandard')}>
            <Select allowClear options={EMISSION_STANDARDS.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="sellerDocuments" valuePropName="checked">
            <Checkbox>{t('titles.sellerDocuments')}</Checkbox>
          </Form.Item>
          <Form.Item name="buyerDocuments" valuePropName="checked">
            <Checkbox>{t('titles.buyerDocuments')}</Checkbox>
          </Form.Item>
          <Form.Item name="appointmentAt" label={t('titles.appointmentAt')}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="appointmentOffice" label={t('titles.appointmentOffice')}>
            <Input />
          </Form.Item>
          <Form.Item name="certificatePhotoUrl" label={t('titles.certificatePhotoUrl')}>
            <Input />
          </Form.Item>
          <Form.Item name="completedOn" label={t('titles.completedOn')}>
            <Input placeholder="2026-12-15" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const NEXT_STEP: Partial<
  Record<TPlateService['status'], 'documents_done' | 'inspection_done' | 'issue_plate'>
> = {
  documents: 'documents_done',
  inspection: 'inspection_done',
  plate_selection: 'issue_plate',
};

function PlateBoard() {
  const { t } = useTranslation('aftersales');
  const { t: tl } = useTranslation('storefrontAftersales');
  const { message } = App.useApp();
  const [status, setStatus] = useState('');
  const q = usePlateServiceBoard(status);
  const advance = useAdvancePlateService();
  const [plate, setPlate] = useState<Record<string, string>>({});
  return (
    <>
      <Select
        value={status}
        style={{ width: 160, marginBottom: 12 }}
        onChange={setStatus}
        options={[
          { value: '', label: t('all') },
          ...PLATE_SERVICE_STATUSES.map((s) => ({ value: s, label: tl(`plate.statuses.${s}`) })),
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="plate-service-board"
        columns={[
          { title: t('order'), dataIndex: 'orderNumber' },
          { title: t('vehicle'), dataIndex: 'vehicleTitle' },
          { title: t('plates.fee'), render: (_, s) => `¥${yuan(s.feeFen)}` },
          { title: t('plates.quota'), render: (_, s) => s.quotaCertificateNo ?? (s.quotaKind ? '…' : '—') },
          { title: t('status'), render: (_, s) => <Tag>{tl(`plate.statuses.${s.status}`)}</Tag> },
          { title: t('plates.plateNumber'), render: (_, s) => s.plateNumber ?? '—' },
          {
            title: t('actions'),
            render: (_, s) => {
              const step = NEXT_STEP[s.status];
              if (!step) return null;
              return (
                <Space.Compact>
                  {step === 'issue_plate' ? (
                    <Input
                      size="small"
                      placeholder="京AD12345"
                      value={plate[s.id] ?? ''}
                      onChange={(e) => setPlate({ ...plate, [s.id]: e.target.value })}
                    />
                  ) : null}
                  <Button
                    size="small"
                    loading={advance.isPending}
                    onClick={() =>
                      advance.mutate(
                        {
                          orderId: s.orderId,
                          step,
                          ...(step === 'issue_plate' ? { plateNumber: plate[s.id]?.trim() } : {}),
                        },
                        { onError: (e) => void message.error(errorText(e)) },
                      )
                    }
                  >
                    {t(`plates.steps.${step}`)}
                  </Button>
                </Space.Compact>
              );
            },
          },
        ]}
      />
    </>
  );
}

/** The board, with the tabs the staff member's permissions allow. */
export function AftersalesBoard() {
  const { t } = useTranslation('aftersales');
  const me = useStaffMe();
  const may = (p: string) => me?.permissions.includes(p) ?? false;
  const items = [
    may('fulfilment.claims.read')
      ? { key: 'claims', label: t('tabs.claims'), children: <ClaimsQueue /> }
      : null,
    may('fulfilment.aftersales.read')
      ? { key: 'titles', label: t('tabs.titles'), children: <TitleBoard /> }
      : null,
    may('fulfilment.aftersales.read')
      ? { key: 'plates', label: t('tabs.plates'), children: <PlateBoard /> }
      : null,
  ].filter((i): i is NonNullable<typeof i> => i !== null);
  return (
    <Card title={t('menu')} data-testid="aftersales-board">
      <Tabs items={items} />
    </Card>
  );
}
