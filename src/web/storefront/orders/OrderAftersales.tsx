import '../../shared/aftersales/labels.i18n.js';
import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_DEFECTS } from '../../../server/modules/fulfilment/fulfilment.warranty.enums.js';
import { ApiError } from '../../shared/api.js';
import { formatTime, yuan } from '../../shared/format.js';
import {
  type TPlateService,
  type TReinspection,
  useAnswerReinspection,
  useFileClaim,
  useMyClaims,
  useMyPlateService,
  useMyReinspection,
  useMyTitleTransfer,
  useOrderPlateService,
  useRecordQuota,
} from '../../shared/hooks/fulfilment-aftersales.js';
import type { TOrder } from '../../shared/hooks/orders.js';

// The after-sales area of a buyer's order page: for a used car the handover re-inspection (accept or dispute
// the differences) and the title-transfer progress; the plate service for any paid order; 三包 claims once a
// new car is handed over.

const PAID: readonly TOrder['status'][] = [
  'ready_for_delivery',
  'delivery_scheduled',
  'in_transit',
  'delivered',
  'completed',
];
const newKey = () => crypto.randomUUID();
const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function Reinspection({ order }: { order: TOrder }) {
  const { t } = useTranslation('storefrontAftersales');
  const { message } = App.useApp();
  const q = useMyReinspection(order.id, true);
  const answer = useAnswerReinspection(order.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const r: TReinspection | null | undefined = q.data;
  return (
    <Card size="small" title={t('reinspection.title')} data-testid="order-reinspection">
      {!r ? (
        <Typography.Text type="secondary">{t('reinspection.notYet')}</Typography.Text>
      ) : (
        <>
          <Tag data-testid="reinspection-status">{t(`reinspection.statuses.${r.status}`)}</Tag>
          {r.differences.length === 0 ? (
            <Typography.Paragraph>{t('reinspection.noDifferences')}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={r.differences}
              columns={[
                { title: t('reinspection.item'), dataIndex: 'name' },
                { title: t('reinspection.listed'), render: (_, d) => t(`reinspection.results.${d.listed}`) },
                {
                  title: t('reinspection.found'),
                  render: (_, d) => <Tag color="orange">{t(`reinspection.results.${d.found}`)}</Tag>,
                },
                { title: t('reinspection.note'), render: (_, d) => d.note ?? '—' },
              ]}
            />
          )}
          {r.status === 'awaiting_buyer' ? (
            <Space style={{ marginTop: 12 }}>
              <Button
                type="primary"
                loading={answer.isPending}
                data-testid="reinspection-accept"
                onClick={() =>
                  answer.mutate(
                    { action: 'accept' },
                    {
                      onSuccess: () => void message.success(t('reinspection.accepted')),
                      onError: (e) => void message.error(errorText(e)),
                    },
                  )
                }
              >
                {t('reinspection.accept')}
              </Button>
              <Button danger onClick={() => setOpen(true)} data-testid="reinspection-dispute">
                {t('reinspection.dispute')}
              </Button>
            </Space>
          ) : null}
          <Modal
            open={open}
            title={t('reinspection.disputeTitle')}
            okButtonProps={{ disabled: reason.trim().length < 5 }}
            confirmLoading={answer.isPending}
            onCancel={() => setOpen(false)}
            onOk={() =>
              answer.mutate(
                { action: 'dispute', reason: reason.trim() },
                {
                  onSuccess: () => {
                    setOpen(false);
                    void message.success(t('reinspection.disputed'));
                  },
                  onError: (e) => void message.error(errorText(e)),
                },
              )
            }
          >
            <Input.TextArea
              rows={3}
              placeholder={t('reinspection.disputeReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Modal>
        </>
      )}
    </Card>
  );
}

function TitleTransfer({ order }: { order: TOrder }) {
  const { t } = useTranslation('storefrontAftersales');
  const q = useMyTitleTransfer(order.id, true);
  const tr = q.data;
  if (!tr) {
    return (
      <Card size="small" title={t('title.title')} data-testid="order-title-transfer">
        <Typography.Text type="secondary">{t('title.notYet')}</Typography.Text>
      </Card>
    );
  }
  const items = [
    'seller_documents',
    'buyer_documents',
    'emission_check',
    'appointment',
    'new_certificate',
    'completed_on',
  ] as const;
  return (
    <Card size="small" title={t('title.title')} data-testid="order-title-transfer">
      <Alert
        type={
          tr.emission.outcome === 'ok' ? 'success' : tr.emission.outcome === 'blocked' ? 'error' : 'warning'
        }
        showIcon
        title={tr.emission.message}
        style={{ marginBottom: 12 }}
        data-testid="title-transfer-emission"
      />
      <Steps
        orientation="vertical"
        size="small"
        items={items.map((i) => ({
          title: t(`title.items.${i}`),
          status: tr.missing.includes(i) ? 'wait' : 'finish',
          description:
            i === 'appointment' && tr.appointmentAt
              ? `${formatTime(tr.appointmentAt)} ${tr.appointmentOffice ?? ''}`
              : i === 'completed_on'
                ? (tr.completedOn ?? undefined)
                : undefined,
        }))}
      />
      {tr.status === 'completed' ? <Tag color="green">{t('title.completed')}</Tag> : null}
    </Card>
  );
}

const PLATE_STEPS = ['documents', 'inspection', 'plate_selection', 'plate_issued'] as const;

function PlateService({ order }: { order: TOrder }) {
  const { t } = useTranslation('storefrontAftersales');
  const { message } = App.useApp();
  const q = useMyPlateService(order.id, true);
  const place = useOrderPlateService(order.id);
  const quota = useRecordQuota(order.id);
  const [key] = useState(newKey);
  const [certificate, setCertificate] = useState('');
  const s: TPlateService | null | undefined = q.data;
  return (
    <Card size="small" title={t('plate.title')} data-testid="order-plate-service">
      {!s ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('plate.offer')}</Typography.Text>
          <Button
            loading={place.isPending}
            data-testid="plate-service-order"
            onClick={() =>
              place.mutate({ provider: 'alipay', key }, { onError: (e) => void message.error(errorText(e)) })
            }
          >
            {t('plate.order')}
          </Button>
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <Tag data-testid="plate-service-status">{t(`plate.statuses.${s.status}`)}</Tag>
            <span>
              {t('plate.fee')} ¥{yuan(s.feeFen)}
              {s.prepaid ? `（${t('plate.prepaid')}）` : ''}
            </span>
          </Space>
          {s.status === 'awaiting_payment' && s.payUrl ? (
            <Button type="primary" href={s.payUrl} data-testid="plate-service-pay">
              {t('plate.pay')}
            </Button>
          ) : null}
          {s.status === 'awaiting_quota' && s.quotaKind ? (
            <Space.Compact style={{ maxWidth: 420 }}>
              <Input
                placeholder={t(`plate.quotaHint.${s.quotaKind}`)}
                value={certificate}
                onChange={(e) => setCertificate(e.target.value)}
                data-testid="plate-quota-input"
              />
              <Button
                type="primary"
                loading={quota.isPending}
                onClick={() =>
                  quota.mutate(certificate.trim(), { onError: (e) => void message.error(errorText(e)) })
                }
              >
                {t('plate.quotaSubmit')}
              </Button>
            </Space.Compact>
          ) : null}
          <Steps
            size="small"
            current={Math.max(0, PLATE_STEPS.indexOf(s.status as (typeof PLATE_STEPS)[number]))}
            status={(PLATE_STEPS as readonly string[]).includes(s.status) ? 'process' : 'wait'}
            items={PLATE_STEPS.map((st) => ({ title: t(`plate.statuses.${st}`) }))}
          />
          {s.plateNumber ? (
            <Typography.Text strong>
              {t('plate.plateNumber')}：{s.plateNumber}
            </Typography.Text>
          ) : null}
        </Space>
      )}
    </Card>
  );
}

interface ClaimForm {
  defect: (typeof CLAIM_DEFECTS)[number];
  description: string;
  mileageKm: number;
}

/** A photo the buyer picked, as the data URL the claim carries. */
function fileToDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function Claims({ order }: { order: TOrder }) {
  const { t } = useTranslation('storefrontAftersales');
  const { message } = App.useApp();
  const q = useMyClaims(order.id, true);
  const file = useFileClaim(order.id);
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(newKey);
  const [form] = Form.useForm<ClaimForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const submit = async (v: ClaimForm) => {
    if (files.length === 0) {
      void message.error(t('claim.photosRequired'));
      return;
    }
    const photos = await Promise.all(files.map((f) => fileToDataUrl(f.originFileObj as File)));
    file.mutate(
      {
        key,
        body: { defect: v.defect, description: v.description, mileageKm: v.mileageKm, photos },
      },
      {
        onSuccess: () => {
          setOpen(false);
          setKey(newKey());
          form.resetFields();
          setFiles([]);
          void message.success(t('claim.filed'));
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };
  return (
    <Card
      size="small"
      title={t('claim.title')}
      data-testid="order-claims"
      extra={
        <Button size="small" onClick={() => setOpen(true)} data-testid="claim-open">
          {t('claim.file')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('claim.hint')}</Typography.Paragraph>
      {(q.data?.items ?? []).map((c) => (
        <Card key={c.id} size="small" style={{ marginBottom: 8 }} data-testid="claim-item">
          <Space wrap>
            <Tag>{t(`claim.statuses.${c.status}`)}</Tag>
            <strong>{t(`claim.defects.${c.defect}`)}</strong>
            <Tag color={c.eligible ? 'green' : 'default'}>
              {c.eligible ? t('claim.eligible') : t('claim.notEligible')}
            </Tag>
            {c.windowEndsAt ? (
              <span>
                {t('claim.windowEnds')} {formatTime(c.windowEndsAt)}
              </span>
            ) : null}
            <span>
              {t('claim.decisionDue')} {formatTime(c.decisionDueAt)}
            </span>
            {c.refundFen !== null ? (
              <span>
                {t('claim.refund')} ¥{yuan(c.refundFen)}
              </span>
            ) : null}
            {c.replacementVin ? (
              <span data-testid="claim-replacement-vin">
                {t('claim.replacementVin')} {c.replacementVin}
              </span>
            ) : null}
          </Space>
        </Card>
      ))}
      <Modal
        open={open}
        title={t('claim.file')}
        okText={t('claim.submit')}
        confirmLoading={file.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ defect: 'brake_failure' }}
        >
          <Form.Item name="defect" label={t('claim.defect')} rules={[{ required: true }]}>
            <Select options={CLAIM_DEFECTS.map((d) => ({ value: d, label: t(`claim.defects.${d}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('claim.description')} rules={[{ required: true, min: 5 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="mileageKm" label={t('claim.mileage')} rules={[{ required: true }]}>
            <InputNumber min={0} max={2_000_000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('claim.photos')} required>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              listType="picture"
              multiple
              maxCount={6}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <Button icon={<UploadOutlined />} data-testid="claim-photos">
                {t('claim.addPhotos')}
              </Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The slot the order page mounts under the contract. */
export function OrderAftersales({ order }: { orderId: string; order: TOrder }) {
  if (order.status === 'cancelled' && order.listingKind === 'new') return null;
  const paid = PAID.includes(order.status);
  const handedOver = order.status === 'delivered' || order.status === 'completed';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="order-aftersales">
      {order.listingKind === 'used' && order.status !== 'cancelled' ? <Reinspection order={order} /> : null}
      {order.listingKind === 'used' ? <TitleTransfer order={order} /> : null}
      {paid ? <PlateService order={order} /> : null}
      {order.listingKind === 'new' && handedOver ? <Claims order={order} /> : null}
    </Space>
  );
}
