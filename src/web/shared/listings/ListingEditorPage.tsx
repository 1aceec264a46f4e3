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
import {
  REVIEW_REQUIREMENTS,
  type TUsedFactsInput,
  ZCreateListingRequest,
} from '../../../server/modules/listings/listings.contract.js';
import { Field, KitForm, SaveBar } from '../components/form-kit.js';
import { QueryState } from '../components/Results.js';
import { yuan } from '../format.js';
import { useDealerList, useStoresOfDealer } from '../hooks/dealers.js';
import { useStaffMe } from '../hooks/identity.js';
import {
  type TListing,
  type TTrimOption,
  useCreateListing,
  useEditorAdLawTerms,
  useListing,
  useTrimOptions,
  useUpdateListing,
} from '../hooks/listings.js';
import { useCityOptions } from '../labels.js';
import { InspectionEditor } from './InspectionEditor.js';
import { ListingPhotos } from './ListingPhotos.js';
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
  /** Named like the API (`used.vin`), so the server's field errors land on these fields. */
  used?: Partial<TUsedFactsInput>;
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
          used: {
            vin: l.used.vin,
            firstRegistrationDate: l.used.firstRegistrationDate,
            mileageKm: l.used.mileageKm,
            ownersCount: l.used.ownersCount,
            transferCount: l.used.transferCount,
            accidentHistory: l.used.accidentHistory,
            floodHistory: l.used.floodHistory,
            fireHistory: l.used.fireHistory,
            disclosureNote: l.used.disclosureNote ?? '',
          },
        }
      : {}),
  };
}

function usedFacts(v: FormValues): TUsedFactsInput {
  const u = v.used ?? {};
  return {
    vin: (u.vin ?? '').trim(),
    firstRegistrationDate: u.firstRegistrationDate ?? '',
    mileageKm: u.mileageKm ?? 0,
    ownersCount: u.ownersCount ?? 1,
    transferCount: u.transferCount ?? 0,
    accidentHistory: u.accidentHistory as boolean,
    floodHistory: u.floodHistory as boolean,
    fireHistory: u.fireHistory as boolean,
    disclosureNote: u.disclosureNote || null,
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

/** The dealer picker of platform staff (dealer staff always work on their own dealer: no dealer list call). */
function DealerField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('listings');
  const dealers = useDealerList({});
  return (
    <Field name="dealerId" label={t('editor.dealer')} required>
      <Select
        showSearch
        optionFilterProp="label"
        disabled={disabled}
        data-testid="dealer-select"
        options={(dealers.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
          value: d.id,
          label: d.name,
        }))}
      />
    </Field>
  );
}

function ListingForm({ basePath, listing }: { basePath: string; listing?: TListing }) {
  const { t, i18n } = useTranslation('listings');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useStaffMe();
  const [form] = Form.useForm<FormValues>();
  const [trimQuery, setTrimQuery] = useState('');
  const trims = useTrimOptions(trimQuery);
  const cityOptions = useCityOptions();
  const terms = useEditorAdLawTerms();
  const create = useCreateListing();
  const update = useUpdateListing(listing?.id ?? '');
  const kind: 'new' | 'used' = Form.useWatch('kind', form) ?? listing?.kind ?? 'new';
  const trimId = Form.useWatch('trimId', form);
  const priceYuan = Form.useWatch('priceYuan', form);
  const storeId = Form.useWatch('storeId', form);
  const ownDealer = me?.dealerId ?? null;
  const dealerId = (Form.useWatch('dealerId', form) as string | undefined) ?? ownDealer ?? listing?.dealerId;
  const stores = useStoresOfDealer(dealerId);
  const [picked, setPicked] = useState<TTrimOption | undefined>();
  const trim = picked ?? trims.data?.find((x) => x.id === trimId);
  const editable = !listing || EDITABLE.has(listing.status);
  // One source of truth with the server's submit check: what this kind needs before review.
  const forReview = new Set<string>(REVIEW_REQUIREMENTS[kind].map((r) => r.field));

  useEffect(() => {
    if (listing) {
      form.setFieldsValue(fromListing(listing));
      setTrimQuery(listing.trim.seriesName);
    }
  }, [listing, form]);

  const onFinish = async (v: FormValues) => {
    const common = {
      storeId: v.storeId || null,
      ...(v.cityCode && !v.storeId ? { cityCode: v.cityCode } : {}),
      title: v.title,
      description: v.description ?? '',
      priceFen: Math.round((v.priceYuan ?? 0) * 100),
      exteriorColour: v.exteriorColour || null,
      interiorColour: v.interiorColour || null,
    };
    if (!listing) {
      const l = await create.mutateAsync({
        kind: v.kind,
        trimId: v.trimId ?? '',
        ...(ownDealer ? {} : { dealerId: v.dealerId }),
        ...common,
        ...(v.kind === 'used' ? { used: usedFacts(v) } : {}),
      });
      void message.success(t('editor.saved'));
      // Saved: the form is clean before the navigation (no unsaved-changes prompt).
      setTimeout(() => navigate(`${basePath}/${l.id}`, { replace: true }), 0);
    } else {
      await update.mutateAsync({
        version: listing.version,
        ...common,
        ...(listing.kind === 'used' ? { used: usedFacts(v) } : {}),
      });
      void message.success(t('editor.saved'));
    }
  };

  const yesNo = [
    { value: true, label: t('editor.yes') },
    { value: false, label: t('editor.no') },
  ];
  const reviewExtra = (field: string) => (forReview.has(field) ? t('editor.reviewRequired') : undefined);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
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
        <KitForm<FormValues>
          form={form}
          schema={ZCreateListingRequest}
          fieldMap={{ priceFen: 'priceYuan' }}
          disabled={!editable}
          initialValues={{ kind: 'new', description: '', used: { ownersCount: 1, transferCount: 0 } }}
          onFinish={onFinish}
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Field name="kind" label={t('editor.kind')}>
                <Radio.Group disabled={Boolean(listing)} optionType="button" data-testid="listing-kind">
                  <Radio.Button value="new">{t('kind.new')}</Radio.Button>
                  <Radio.Button value="used">{t('kind.used')}</Radio.Button>
                </Radio.Group>
              </Field>
            </Col>
            <Col xs={24} md={18}>
              <Field name="trimId" label={t('editor.trim')} validate={false}>
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
              </Field>
            </Col>
          </Row>
          <Row gutter={16}>
            {ownDealer ? null : (
              <Col xs={24} md={8}>
                <DealerField disabled={Boolean(listing)} />
              </Col>
            )}
            <Col xs={24} md={8}>
              <Field
                name="storeId"
                label={t('editor.store')}
                required={forReview.has('storeId') || undefined}
                extra={reviewExtra('storeId')}
              >
                <Select
                  allowClear
                  data-testid="store-select"
                  options={(stores.data?.items ?? []).map((s) => ({
                    value: s.id,
                    label: `${s.name} · ${i18n.language === 'en' ? s.city.nameEn : s.city.name}`,
                  }))}
                />
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field
                name="cityCode"
                label={t('editor.city')}
                required={!storeId}
                validate={false}
                extra={storeId ? undefined : t('editor.cityHint')}
              >
                <Select
                  allowClear
                  showSearch
                  disabled={Boolean(storeId)}
                  optionFilterProp="search"
                  data-testid="city-select"
                  options={cityOptions}
                />
              </Field>
            </Col>
          </Row>
          <Field name="title" label={t('editor.title')} adLawTerms={terms.data}>
            <Input maxLength={120} showCount data-testid="listing-title" />
          </Field>
          <Field
            name="description"
            label={t('editor.description')}
            required={forReview.has('description') || undefined}
            extra={reviewExtra('description')}
            adLawTerms={terms.data}
          >
            <Input.TextArea rows={4} maxLength={5000} data-testid="listing-description" />
          </Field>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Field
                name="priceYuan"
                label={t('editor.price')}
                schemaPath="priceFen"
                validate={false}
                numberRule={{ min: 1, max: 100_000_000 }}
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
              </Field>
            </Col>
            <Col xs={12} md={8}>
              <Field
                name="exteriorColour"
                label={t('editor.exterior')}
                required={forReview.has('exteriorColour') || undefined}
                extra={reviewExtra('exteriorColour')}
              >
                <Select
                  allowClear
                  data-testid="exterior-select"
                  options={(trim?.exteriorColours ?? []).map((c) => ({ value: c, label: c }))}
                />
              </Field>
            </Col>
            <Col xs={12} md={8}>
              <Field name="interiorColour" label={t('editor.interior')}>
                <Select
                  allowClear
                  options={(trim?.interiorColours ?? []).map((c) => ({ value: c, label: c }))}
                />
              </Field>
            </Col>
          </Row>
          {kind === 'used' ? (
            <Card size="small" type="inner" title={t('editor.usedFacts')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Field name={['used', 'vin']} label={t('editor.vin')}>
                    <Input maxLength={17} style={{ textTransform: 'uppercase' }} data-testid="listing-vin" />
                  </Field>
                </Col>
                <Col xs={12} md={4}>
                  <Field name={['used', 'firstRegistrationDate']} label={t('editor.firstReg')}>
                    <Input type="date" data-testid="listing-first-reg" />
                  </Field>
                </Col>
                <Col xs={12} md={4}>
                  <Field name={['used', 'mileageKm']} label={t('editor.mileage')}>
                    <InputNumber
                      min={0}
                      step={1000}
                      style={{ width: '100%' }}
                      data-testid="listing-mileage"
                    />
                  </Field>
                </Col>
                <Col xs={12} md={4}>
                  <Field name={['used', 'ownersCount']} label={t('editor.owners')}>
                    <InputNumber min={1} max={20} style={{ width: '100%' }} />
                  </Field>
                </Col>
                <Col xs={12} md={4}>
                  <Field name={['used', 'transferCount']} label={t('editor.transfers')}>
                    <InputNumber min={0} max={19} style={{ width: '100%' }} />
                  </Field>
                </Col>
              </Row>
              <Row gutter={16}>
                {(['accidentHistory', 'floodHistory', 'fireHistory'] as const).map((f) => (
                  <Col xs={24} md={6} key={f}>
                    <Field name={['used', f]} label={t(`editor.${f.replace('History', '')}`)}>
                      <Radio.Group options={yesNo} data-testid={`disclosure-${f}`} />
                    </Field>
                  </Col>
                ))}
                <Col xs={24} md={6}>
                  <Field name={['used', 'disclosureNote']} label={t('editor.disclosureNote')}>
                    <Input />
                  </Field>
                </Col>
              </Row>
            </Card>
          ) : null}
          {editable ? (
            <SaveBar>
              <Button
                type="primary"
                htmlType="submit"
                loading={create.isPending || update.isPending}
                data-testid="listing-save"
              >
                {t('editor.save')}
              </Button>
            </SaveBar>
          ) : null}
        </KitForm>
      </Card>
      {listing ? (
        <ListingPhotos listingId={listing.id} editable={editable} />
      ) : (
        <Alert type="info" showIcon message={t('photos.saveFirst')} />
      )}
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
