import './i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { TUsedFactsInput } from '../../../server/modules/listings/listings.contract.js';
import { QueryState } from '../components/Results.js';
import { yuan } from '../format.js';
import { applyApiError } from '../forms.js';
import { useCities, useDealerList, useStoresOfDealer } from '../hooks/dealers.js';
import { useStaffMe } from '../hooks/identity.js';
import {
  type TListing,
  type TTrimOption,
  useCreateListing,
  useListing,
  useTrimOptions,
  useUpdateListing,
} from '../hooks/listings.js';
import { InspectionEditor } from './InspectionEditor.js';
import { AuthorActions, HighlightedText, Muted, StatusTag } from './parts.js';

interface FormValues {
  kind: 'new' | 'used';
  trimId?: string;
  dealerId?: string;
  storeId?: string | null;
  cityCode?: string;
  title: string;
  description: string;
  priceYuan?: number;
  exteriorColour?: string | null;
  interiorColour?: string | null;
  vin?: string;
  firstRegistrationDate?: string;
  mileageKm?: number;
  ownersCount?: number;
  transferCount?: number;
  accidentHistory?: boolean;
  floodHistory?: boolean;
  fireHistory?: boolean;
  disclosureNote?: string;
}

function fromListing(l: TListing): FormValues {
  return {
    kind: l.kind,
    trimId: l.trim.id,
    dealerId: l.dealerId,
    storeId: l.storeId,
    cityCode: l.cityCode,
    title: l.title,
    description: l.description,
    priceYuan: l.priceFen / 100,
    exteriorColour: l.exteriorColour,
    interiorColour: l.interiorColour,
    ...(l.used
      ? {
          vin: l.used.vin,
          firstRegistrationDate: l.used.firstRegistrationDate,
          mileageKm: l.used.mileageKm,
          ownersCount: l.used.ownersCount,
          transferCount: l.used.transferCount,
          accidentHistory: l.used.accidentHistory,
          floodHistory: l.used.floodHistory,
          fireHistory: l.used.fireHistory,
          disclosureNote: l.used.disclosureNote ?? '',
        }
      : {}),
  };
}

function usedFacts(v: FormValues): TUsedFactsInput {
  return {
    vin: v.vin ?? '',
    firstRegistrationDate: v.firstRegistrationDate ?? '',
    mileageKm: v.mileageKm ?? 0,
    ownersCount: v.ownersCount ?? 1,
    transferCount: v.transferCount ?? 0,
    accidentHistory: v.accidentHistory as boolean,
    floodHistory: v.floodHistory as boolean,
    fireHistory: v.fireHistory as boolean,
    disclosureNote: v.disclosureNote || null,
  };
}

const EDITABLE = new Set(['draft', 'rejected', 'delisted']);

/**
 * New / edit listing (new-car offer or used car with facts, disclosures and the inspection report).
 * Dealer staff (dealerId set) always work on their own dealer; platform staff pick the dealer.
 */
export function ListingEditorPage({ basePath }: { basePath: string }) {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const existing = useListing(isNew ? undefined : id);
  return isNew ? (
    <ListingForm basePath={basePath} />
  ) : (
    <QueryState isLoading={existing.isLoading} error={existing.error} onRetry={() => void existing.refetch()}>
      {existing.data ? <ListingForm basePath={basePath} listing={existing.data} /> : null}
    </QueryState>
  );
}

function ListingForm({ basePath, listing }: { basePath: string; listing?: TListing }) {
  const { t, i18n } = useTranslation('listings');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useStaffMe();
  const [form] = Form.useForm<FormValues>();
  const [trimQuery, setTrimQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const trims = useTrimOptions(trimQuery);
  const cities = useCities();
  const dealers = useDealerList({});
  const create = useCreateListing();
  const update = useUpdateListing(listing?.id ?? '');
  const kind = Form.useWatch('kind', form) ?? listing?.kind ?? 'new';
  const trimId = Form.useWatch('trimId', form);
  const priceYuan = Form.useWatch('priceYuan', form);
  const ownDealer = me?.dealerId ?? null;
  const dealerId = (Form.useWatch('dealerId', form) as string | undefined) ?? ownDealer ?? listing?.dealerId;
  const stores = useStoresOfDealer(dealerId);
  const [picked, setPicked] = useState<TTrimOption | undefined>();
  const trim = picked ?? trims.data?.find((x) => x.id === trimId);
  const editable = !listing || EDITABLE.has(listing.status);
  const en = i18n.language === 'en';

  useEffect(() => {
    if (listing) {
      form.setFieldsValue(fromListing(listing));
      setTrimQuery(listing.trim.seriesName);
    }
  }, [listing, form]);

  const onFinish = (v: FormValues) => {
    setError(null);
    const common = {
      storeId: v.storeId || null,
      ...(v.cityCode ? { cityCode: v.cityCode } : {}),
      title: v.title,
      description: v.description ?? '',
      priceFen: Math.round((v.priceYuan ?? 0) * 100),
      exteriorColour: v.exteriorColour || null,
      interiorColour: v.interiorColour || null,
    };
    const onError = (e: Error) => setError(applyApiError(form, e));
    if (!listing) {
      create.mutate(
        {
          kind: v.kind,
          trimId: v.trimId ?? '',
          ...(ownDealer ? {} : { dealerId: v.dealerId }),
          ...common,
          ...(v.kind === 'used' ? { used: usedFacts(v) } : {}),
        },
        {
          onSuccess: (l) => {
            void message.success(t('editor.saved'));
            navigate(`${basePath}/${l.id}`, { replace: true });
          },
          onError,
        },
      );
    } else {
      update.mutate(
        { version: listing.version, ...common, ...(listing.kind === 'used' ? { used: usedFacts(v) } : {}) },
        { onSuccess: () => void message.success(t('editor.saved')), onError },
      );
    }
  };

  const yesNo = [
    { value: true, label: t('editor.yes') },
    { value: false, label: t('editor.no') },
  ];
  const disclosureRule = [{ required: true, message: t('editor.disclosureRequired') }];
  const required = [{ required: true, message: t('editor.required') }];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {listing ? t('editor.editTitle') : t('editor.newTitle')}
            {listing ? <StatusTag status={listing.status} /> : null}
          </Space>
        }
        extra={listing ? <AuthorActions listing={listing} size="middle" /> : null}
        data-testid="listing-editor"
      >
        {listing?.reviewNote ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${t('editor.reviewNote')}: ${listing.reviewNote}`}
          />
        ) : null}
        <Form<FormValues>
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={{ kind: 'new', description: '', ownersCount: 1, transferCount: 0 }}
          onFinish={onFinish}
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label={t('editor.kind')}>
                <Radio.Group disabled={Boolean(listing)} optionType="button">
                  <Radio.Button value="new">{t('kind.new')}</Radio.Button>
                  <Radio.Button value="used">{t('kind.used')}</Radio.Button>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="trimId" label={t('editor.trim')} rules={required}>
                <Select
                  showSearch
                  disabled={Boolean(listing)}
                  filterOption={false}
                  placeholder={t('editor.trimSearch')}
                  onSearch={setTrimQuery}
                  data-testid="trim-select"
                  onChange={(v: string) => setPicked(trims.data?.find((x) => x.id === v))}
                  options={[
                    ...(listing && !trims.data?.some((x) => x.id === listing.trim.id)
                      ? [
                          {
                            value: listing.trim.id,
                            label: `${listing.trim.brandName} ${listing.trim.seriesName} ${listing.trim.name}`,
                          },
                        ]
                      : []),
                    ...(trims.data ?? []).map((x) => ({
                      value: x.id,
                      label: `${x.label} · ${yuan(x.guidePriceFen)}`,
                    })),
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            {ownDealer ? null : (
              <Col xs={24} md={8}>
                <Form.Item name="dealerId" label={t('editor.dealer')} rules={required}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    disabled={Boolean(listing)}
                    options={(dealers.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
                      value: d.id,
                      label: `${d.name} (${d.brands.join('/')})`,
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="storeId" label={t('editor.store')} rules={kind === 'new' ? required : []}>
                <Select
                  allowClear
                  options={(stores.data?.items ?? []).map((s) => ({
                    value: s.id,
                    label: `${s.name} · ${s.city.name}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="cityCode" label={t('editor.city')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={(cities.data ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('editor.title')} rules={required}>
            <Input maxLength={120} showCount data-testid="listing-title" />
          </Form.Item>
          <Form.Item name="description" label={t('editor.description')}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="listing-description" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="priceYuan"
                label={t('editor.price')}
                rules={required}
                extra={
                  trim && priceYuan
                    ? t('editor.guide', {
                        price: yuan(trim.guidePriceFen),
                        discount: yuan(trim.guidePriceFen - Math.round(priceYuan * 100)),
                      })
                    : listing
                      ? t('editor.guide', {
                          price: yuan(listing.trim.guidePriceFen),
                          discount: yuan(listing.discountFen),
                        })
                      : null
                }
              >
                <InputNumber min={1} step={1000} style={{ width: '100%' }} data-testid="listing-price" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="exteriorColour" label={t('editor.exterior')}>
                <Select
                  allowClear
                  options={(trim?.exteriorColours ?? []).map((c) => ({ value: c, label: c }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="interiorColour" label={t('editor.interior')}>
                <Select
                  allowClear
                  options={(trim?.interiorColours ?? []).map((c) => ({ value: c, label: c }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {kind === 'used' ? (
            <Card size="small" type="inner" title={t('editor.usedFacts')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="vin" label={t('editor.vin')} rules={required}>
                    <Input maxLength={17} style={{ textTransform: 'uppercase' }} data-testid="listing-vin" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name="firstRegistrationDate" label={t('editor.firstReg')} rules={required}>
                    <Input type="date" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name="mileageKm" label={t('editor.mileage')} rules={required}>
                    <InputNumber min={0} step={1000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name="ownersCount" label={t('editor.owners')} rules={required}>
                    <InputNumber min={1} max={20} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name="transferCount" label={t('editor.transfers')} rules={required}>
                    <InputNumber min={0} max={19} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                {(['accidentHistory', 'floodHistory', 'fireHistory'] as const).map((f) => (
                  <Col xs={24} md={6} key={f}>
                    <Form.Item
                      name={f}
                      label={t(`editor.${f.replace('History', '')}`)}
                      rules={disclosureRule}
                    >
                      <Radio.Group options={yesNo} data-testid={`disclosure-${f}`} />
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={24} md={6}>
                  <Form.Item name="disclosureNote" label={t('editor.disclosureNote')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ) : null}
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
          {editable ? (
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending || update.isPending}
              data-testid="listing-save"
            >
              {t('editor.save')}
            </Button>
          ) : null}
        </Form>
      </Card>
      {listing ? (
        <Card title={t('editor.flagsTitle')} size="small">
          {listing.reviewFlags.length === 0 ? (
            <Muted>{t('editor.noFlags')}</Muted>
          ) : (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('editor.title')}>
                <HighlightedText text={listing.title} field="title" hits={listing.reviewFlags} />
              </Descriptions.Item>
              <Descriptions.Item label={t('editor.description')}>
                <Typography.Paragraph style={{ marginBottom: 0 }}>
                  <HighlightedText
                    text={listing.description}
                    field="description"
                    hits={listing.reviewFlags}
                  />
                </Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
      ) : null}
      {kind === 'used' ? (
        listing ? (
          <InspectionEditor listingId={listing.id} editable={editable} />
        ) : (
          <Alert type="info" showIcon message={t('editor.inspectionHint')} />
        )
      ) : null}
    </Space>
  );
}
