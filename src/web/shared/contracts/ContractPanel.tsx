import './i18n.js';
import { Alert, App, Button, Card, Checkbox, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseContractStatus } from '../../../server/modules/contracts/contracts.enums.js';
import { ApiError } from '../api.js';
import { QueryState } from '../components/Results.js';
import { formatTime } from '../format.js';
import { contractPdfPath, type TPurchaseContract, useContract, useSignContract } from '../hooks/contracts.js';

// A purchase contract on an order page, for the buyer or for staff: status, hash, signatures, the PDF (to
// download and embedded), and the signature of whoever signs next. The sign button stays disabled until the
// consent box, which quotes the template's clause word for word, is ticked; the request carries the hash
// shown here, so a document that changed meanwhile is refused (CONTRACT_CHANGED) rather than signed.

const STATUS_COLOURS: Record<PurchaseContractStatus, string> = {
  awaiting_buyer: 'orange',
  awaiting_dealer: 'blue',
  signed: 'green',
  voided: 'default',
};

function yuanExact(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export interface ContractPanelProps {
  contractId: string;
  audience: 'buyer' | 'staff';
  /** Staff only: whether this person may sign for the dealer (permission contracts.sign). */
  canSign?: boolean;
}

export function ContractPanel({ contractId, audience, canSign = audience === 'buyer' }: ContractPanelProps) {
  const contract = useContract(contractId);
  return (
    <QueryState isLoading={contract.isLoading} error={contract.error} onRetry={() => void contract.refetch()}>
      {contract.data ? (
        <ContractView
          c={contract.data}
          audience={audience}
          canSign={canSign}
          onChanged={() => void contract.refetch()}
        />
      ) : null}
    </QueryState>
  );
}

function ContractView({
  c,
  audience,
  canSign,
  onChanged,
}: {
  c: TPurchaseContract;
  audience: 'buyer' | 'staff';
  canSign: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const sign = useSignContract(c.id);
  const [consent, setConsent] = useState(false);
  const [preview, setPreview] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const myTurn = canSign && c.nextSigner === (audience === 'buyer' ? 'buyer' : 'dealer');
  const changed = sign.error instanceof ApiError && sign.error.code === 'CONTRACT_CHANGED';

  const onSign = () =>
    sign.mutate(
      { documentSha256: c.sha256, key: idempotencyKey },
      {
        onSuccess: () => void message.success(t('signed')),
        onError: (e: Error) => {
          if (e instanceof ApiError && e.code === 'CONTRACT_CHANGED') {
            setConsent(false);
            onChanged();
          }
        },
      },
    );

  return (
    <Card
      title={`${t('title')} · ${c.title}`}
      extra={
        <Tag color={STATUS_COLOURS[c.status]} data-testid="contract-status">
          {t(`status.${c.status}`)}
        </Tag>
      }
      data-testid="contract-panel"
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('number')}>{c.number}</Descriptions.Item>
        <Descriptions.Item label={t('vehicle')}>{c.vehicleDescription}</Descriptions.Item>
        <Descriptions.Item label={t('total')}>{yuanExact(c.totalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('template')}>
          {t('templateVersion', { version: c.templateVersion })}
        </Descriptions.Item>
        <Descriptions.Item label={t('issuedAt')}>{formatTime(c.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('hash')}>
          <Typography.Text code copyable={{ text: c.sha256 }} data-testid="contract-hash">
            {c.sha256.slice(0, 16)}…
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5}>{t('signatures')}</Typography.Title>
      <div data-testid="contract-signatures">
        {c.signatures.length === 0 ? (
          <Typography.Text type="secondary">{t('noSignatures')}</Typography.Text>
        ) : (
          c.signatures.map((s) => (
            <div key={s.party} data-testid={`contract-signature-${s.party}`} style={{ padding: '4px 0' }}>
              <Space wrap>
                {t('signedBy', {
                  party: t(`party.${s.party}`),
                  name: s.signerName,
                  time: formatTime(s.signedAt),
                })}
                <Typography.Text type="secondary" code>
                  {s.documentSha256.slice(0, 12)}
                </Typography.Text>
              </Space>
            </div>
          ))
        )}
      </div>

      <Space style={{ margin: '12px 0' }}>
        <Button href={contractPdfPath(c.id, 'attachment')} data-testid="contract-download">
          {t('download')}
        </Button>
        <Button
          onClick={() => setPreview((on) => !on)}
          aria-expanded={preview}
          data-testid="contract-preview-toggle"
        >
          {t('preview')}
        </Button>
      </Space>

      {/* Loaded on demand: an order page should not fetch the whole PDF on every visit. */}
      {preview ? (
        <iframe
          title={t('preview')}
          src={contractPdfPath(c.id, 'inline')}
          style={{ width: '100%', height: 520, border: '1px solid #f0f0f0' }}
          data-testid="contract-preview"
        >
          {t('previewFallback')}
        </iframe>
      ) : null}

      {changed ? <Alert type="warning" showIcon title={t('changed')} style={{ marginTop: 12 }} /> : null}
      {sign.error && !changed ? (
        <Alert type="error" showIcon title={sign.error.message} style={{ marginTop: 12 }} />
      ) : null}
      {myTurn ? (
        <Space
          orientation="vertical"
          style={{ marginTop: 12, width: '100%' }}
          data-testid="contract-sign-area"
        >
          <Checkbox
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
            data-testid="contract-consent"
          >
            {t('consentLabel')}
            <Typography.Text>「{c.consentText}」</Typography.Text>
          </Checkbox>
          <Button
            type="primary"
            disabled={!consent}
            loading={sign.isPending}
            onClick={onSign}
            data-testid="contract-sign"
          >
            {t('sign')}
          </Button>
        </Space>
      ) : audience === 'staff' && c.nextSigner === 'buyer' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('waitBuyer')}
        </Typography.Paragraph>
      ) : audience === 'buyer' && c.nextSigner === 'dealer' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('waitDealer')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
