import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_NAMES, ROLES } from '../../server/kernel/auth/roles.js';
import { ACCESSORY_STATUSES } from '../../server/modules/accessories/accessories.contract.js';
import {
  BODY_TYPES,
  ENERGY_TYPES,
  PARAMETER_GROUPS,
  PARAMETER_TYPES,
  SEGMENTS,
} from '../../server/modules/catalog/catalog.enums.js';
import {
  CATALOG_STATUSES,
  FEATURE_VALUES,
  MEDIA_KINDS,
  PARAMETER_GROUP_NAMES,
} from '../../server/modules/catalog/model.contract.js';
import {
  CITY_TIERS,
  DEALER_STATUSES,
  QUALIFICATION_KINDS,
  STORE_SERVICES,
  STORE_STATUSES,
  WEEKDAYS,
} from '../../server/modules/dealers/dealers.contract.js';
import { LISTING_KINDS } from '../../server/modules/listings/listings.contract.js';
import {
  INSPECTION_SECTIONS,
  ITEM_RESULTS,
  LISTING_STATUSES,
} from '../../server/modules/listings/listings.enums.js';
import { JOB_STATUS_VALUES } from '../../server/modules/platform/platform.contract.js';
import { api } from './api.js';
import { useBrandIndex } from './hooks/catalog.js';
import { dealerKeys, type TDealer, useCities } from './hooks/dealers.js';
import type { Page } from './hooks/identity.js';
import { addTranslations, pickName } from './i18n.js';
import { permissionName } from './permission-names.js';

/*
 * labels.tsx: the ONE place where codes become words in the console and the dealer portal.
 *
 * Stable API (used by DataTable, the console and dealer pages, and the listing screens):
 *
 *   const L = useLabels();
 *   L.label('bodyType', 'suv')        → 'SUV' / 'SUV';  L.label('listingStatus', 'on_sale'?) → code if unknown
 *   L.options('energyType')           → [{ value: 'bev', label: '纯电动' }, …]  (for Select filters)
 *   L.role('operator')                → '运营' / 'Operator'
 *   L.permission('staff.read')        → permission name
 *   L.auditAction('catalog.brand.update') → '品牌 · 修改'
 *   L.entityType('dealer'), L.jobName('search.index'), L.color('listingStatus', 'listed') → antd tag colour
 *
 *   const cityName = useCityName();        cityName('330100') → '杭州' / 'Hangzhou' ('' while loading)
 *   const cityOptions = useCityOptions();  [{ value: '330100', label: '杭州' }, …]
 *   const dealerName = useDealerName(enabled); dealerName('dlr_hz_audi') → '杭州奥迪4S店'
 *   const brandName = useBrandName();     brandName('brd_byd') → '比亚迪' / 'BYD'
 *
 *   labelFor(t, kind, code) is the non-hook form (pass the `labels` namespace t).
 *
 * Every value of the server enums listed in ENUM_VALUES has a zh-CN and an English label (labels.test.ts
 * checks it); a code no enum knows is shown as itself so nothing disappears.
 */

/** The enum value lists the labels cover, by label kind. */
export const ENUM_VALUES = {
  bodyType: BODY_TYPES,
  energyType: ENERGY_TYPES,
  segment: SEGMENTS,
  parameterGroup: PARAMETER_GROUPS,
  parameterType: PARAMETER_TYPES,
  featureValue: FEATURE_VALUES,
  catalogStatus: CATALOG_STATUSES,
  mediaKind: MEDIA_KINDS,
  listingStatus: LISTING_STATUSES,
  listingKind: LISTING_KINDS,
  inspectionSection: INSPECTION_SECTIONS,
  itemResult: ITEM_RESULTS,
  adLawSeverity: ['block', 'warn'],
  accessoryStatus: ACCESSORY_STATUSES,
  dealerStatus: DEALER_STATUSES,
  storeStatus: STORE_STATUSES,
  storeService: STORE_SERVICES,
  qualificationKind: QUALIFICATION_KINDS,
  cityTier: CITY_TIERS,
  weekday: WEEKDAYS,
  staffStatus: ['active', 'disabled'],
  jobStatus: JOB_STATUS_VALUES,
  actorKind: ['staff', 'buyer', 'system'],
  yesNo: ['yes', 'no'],
} as const satisfies Record<string, readonly string[]>;

export type LabelKind = keyof typeof ENUM_VALUES;
export type EnumCode<K extends LabelKind> = (typeof ENUM_VALUES)[K][number];

type LabelTable = { [K in LabelKind]: Record<EnumCode<K>, string> };

const groupNames = (lang: 'zh' | 'en') =>
  Object.fromEntries(PARAMETER_GROUPS.map((g) => [g, PARAMETER_GROUP_NAMES[g][lang]])) as Record<
    (typeof PARAMETER_GROUPS)[number],
    string
  >;

export const labelsZh: LabelTable & {
  audit: Record<string, Record<string, string>>;
  job: Record<string, string>;
} = {
  bodyType: {
    sedan: '轿车',
    hatchback: '两厢车',
    suv: 'SUV',
    mpv: 'MPV',
    coupe: '轿跑',
    wagon: '旅行车',
    pickup: '皮卡',
    convertible: '敞篷车',
  },
  energyType: {
    petrol: '汽油',
    diesel: '柴油',
    hev: '油电混动',
    phev: '插电混动',
    erev: '增程式',
    bev: '纯电动',
    fcev: '氢燃料电池',
  },
  segment: { A00: '微型车', A0: '小型车', A: '紧凑型车', B: '中型车', C: '中大型车', D: '大型车' },
  parameterGroup: groupNames('zh'),
  parameterType: { number: '数值', feature: '配置项（●/○/-）', text: '文本', boolean: '是/否' },
  featureValue: { standard: '● 标配', optional: '○ 选装', none: '- 无' },
  catalogStatus: { on_sale: '在售', discontinued: '停售', upcoming: '即将上市' },
  mediaKind: { image: '图片', video: '视频', spin360: '360° 全景' },
  listingStatus: {
    draft: '草稿',
    in_review: '审核中',
    listed: '已上架',
    rejected: '已驳回',
    delisted: '已下架',
  },
  listingKind: { new: '新车', used: '二手车' },
  inspectionSection: {
    body_exterior: '车身外观',
    engine_bay: '发动机舱',
    cabin: '驾驶舱',
    start_up: '启动检查',
    road_test: '路试',
    chassis: '底盘',
    accident_redline: '事故红线',
  },
  itemResult: { ok: '正常', minor: '轻微', moderate: '一般', severe: '严重', redline: '触及红线' },
  adLawSeverity: { block: '禁止', warn: '提示' },
  accessoryStatus: { draft: '草稿', listed: '在售', delisted: '已下架' },
  dealerStatus: { active: '正常', suspended: '已暂停' },
  storeStatus: { active: '营业中', closed: '已关闭' },
  storeService: { sales: '销售', test_drive: '试驾', after_sales: '售后', delivery: '交付' },
  qualificationKind: {
    business_licence: '营业执照',
    brand_authorisation: '品牌授权书',
    used_car_dealer_filing: '二手车经销备案',
    new_energy_service_authorisation: '新能源服务授权',
    second_class_maintenance_licence: '二类维修许可证',
  },
  cityTier: { tier1: '一线城市', new_tier1: '新一线城市', tier2: '二线城市', tier3: '三线城市' },
  weekday: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
  staffStatus: { active: '正常', disabled: '已停用' },
  jobStatus: {
    queued: '排队中',
    running: '运行中',
    succeeded: '成功',
    failed: '失败待重试',
    dead: '死信',
    discarded: '已丢弃',
  },
  actorKind: { staff: '员工', buyer: '买家', system: '系统' },
  yesNo: { yes: '是', no: '否' },
  audit: {
    entity: {
      auth: '账号',
      catalog: '车型库',
      brand: '品牌',
      series: '车系',
      trim: '车型',
      parameter: '参数',
      media: '图片',
      listing: '车源',
      catalog_listing: '车源',
      accessory: '精品',
      catalog_accessory: '精品',
      accessory_category: '精品分类',
      catalog_accessory_category: '精品分类',
      ad_law_term: '广告法用语',
      catalog_ad_law_term: '广告法用语',
      dealer: '经销商',
      dealer_qualification: '经销商资质',
      store: '门店',
      staff: '员工',
      staff_account: '员工账号',
      role: '角色',
      job: '任务',
      customer: '客户',
      finance_product: '金融产品',
      vehicle_unit: '库存车辆',
      stock_location: '库存地点',
      accessory_stock: '配件库存',
      replenishment_setting: '补货参数',
      replenishment_suggestion: '补货建议',
      unit_hold: '车辆预留',
      order: '订单',
      payment_intent: '支付单',
      payment_refund: '退款',
      payment_ledger: '资金流水',
      purchaseContract: '购车合同',
      contractTemplate: '合同模板',
      risk_case: '风控案件',
      risk_rule: '风控规则',
      loan_application: '贷款申请',
      insurer: '保险公司',
      insurance_choice: '保险方案',
    },
    verb: {
      create: '新建',
      update: '修改',
      delete: '删除',
      upload: '上传',
      sign_in: '登录',
      suspend: '暂停',
      reinstate: '恢复',
      qualification_add: '添加资质',
      change_password: '修改密码',
      totp_enrol: '启用两步验证',
      update_permissions: '修改权限',
      import_create: '导入新建',
      import_update: '导入更新',
      colours: '修改颜色',
      packages: '修改选装包',
      parameters: '修改参数表',
      inspection: '保存检测报告',
      portal_update: '门户修改',
      submit: '提交审核',
      approve: '审核通过',
      reject: '驳回',
      delist: '下架',
      relist: '重新上架',
      retry: '重试',
      discard: '丢弃',
      reserve: '预订',
      release: '释放预订',
      sell: '售出',
      receive: '到店入库',
      deliver: '交车',
      change_price: '调价',
      sell_out: '无库存自动下架',
      restock: '到货自动上架',
      hold: '转人工复核',
      adjust: '调整库存',
      amount_mismatch: '金额不符',
      change_spec: '修改配置',
      forfeit: '定金没收',
      import: '导入',
      open: '立案',
      put: '设置',
      request: '申请',
      send_to_lender: '提交贷款机构',
      pay_deposit: '支付定金',
      allocate: '分配车辆',
      sign_contract: '签署合同',
      pay_balance: '支付尾款',
      disburse_loan: '贷款放款',
      make_ready: '待交车',
      cancel: '取消',
      succeed: '支付成功',
      fail: '失败',
      expire: '过期',
      start_refund: '开始退款',
      refund_partly: '部分退款',
      refund_fully: '全额退款',
      refund_undone: '退款未成',
      settle: '退款到账',
      buyer_sign: '买方签署',
      dealer_sign: '卖方签署',
      void: '作废',
      clear: '放行',
      confirm: '确认',
      accept: '采纳',
      dismiss: '忽略',
      decide: '裁定',
    },
  },
  job: {
    'search.index': '搜索索引更新',
    'search.popularity': '热度统计',
    'notifications.send': '发送通知',
    'email.send': '发送邮件',
    'dealer.created': '经销商创建事件',
    'dealer.updated': '经销商更新事件',
    'dealer.suspended': '经销商暂停事件',
    'dealer.reinstated': '经销商恢复事件',
    'dealer.qualification_added': '经销商资质事件',
    'store.created': '门店创建事件',
    'store.updated': '门店更新事件',
    'catalog.trim_changed': '车型变更事件',
    'catalog.listing_changed': '车源变更事件',
    'crm.customer_registered': '新客户注册事件',
    'inventory.expire_holds': '释放过期预订',
    'inventory.stock_alert': '库存预警',
  },
};

export const labelsEn: typeof labelsZh = {
  bodyType: {
    sedan: 'Sedan',
    hatchback: 'Hatchback',
    suv: 'SUV',
    mpv: 'MPV',
    coupe: 'Coupé',
    wagon: 'Estate',
    pickup: 'Pickup',
    convertible: 'Convertible',
  },
  energyType: {
    petrol: 'Petrol',
    diesel: 'Diesel',
    hev: 'Hybrid',
    phev: 'Plug-in hybrid',
    erev: 'Range extender',
    bev: 'Battery electric',
    fcev: 'Hydrogen fuel cell',
  },
  segment: { A00: 'Mini', A0: 'Small', A: 'Compact', B: 'Mid-size', C: 'Large', D: 'Full-size' },
  parameterGroup: groupNames('en'),
  parameterType: { number: 'Number', feature: 'Feature (●/○/-)', text: 'Text', boolean: 'Yes/no' },
  featureValue: { standard: '● Standard', optional: '○ Optional', none: '- None' },
  catalogStatus: { on_sale: 'On sale', discontinued: 'Discontinued', upcoming: 'Coming soon' },
  mediaKind: { image: 'Image', video: 'Video', spin360: '360° view' },
  listingStatus: {
    draft: 'Draft',
    in_review: 'In review',
    listed: 'Listed',
    rejected: 'Rejected',
    delisted: 'Delisted',
  },
  listingKind: { new: 'New', used: 'Used' },
  inspectionSection: {
    body_exterior: 'Body exterior',
    engine_bay: 'Engine bay',
    cabin: 'Cabin',
    start_up: 'Start-up',
    road_test: 'Road test',
    chassis: 'Chassis',
    accident_redline: 'Accident red lines',
  },
  itemResult: { ok: 'OK', minor: 'Minor', moderate: 'Moderate', severe: 'Severe', redline: 'Red line' },
  adLawSeverity: { block: 'Blocked', warn: 'Warning' },
  accessoryStatus: { draft: 'Draft', listed: 'On sale', delisted: 'Delisted' },
  dealerStatus: { active: 'Active', suspended: 'Suspended' },
  storeStatus: { active: 'Open', closed: 'Closed' },
  storeService: {
    sales: 'Sales',
    test_drive: 'Test drives',
    after_sales: 'After-sales',
    delivery: 'Delivery',
  },
  qualificationKind: {
    business_licence: 'Business licence',
    brand_authorisation: 'Brand authorisation',
    used_car_dealer_filing: 'Used-car dealer filing',
    new_energy_service_authorisation: 'NEV service authorisation',
    second_class_maintenance_licence: 'Class II repair licence',
  },
  cityTier: { tier1: 'Tier 1', new_tier1: 'New tier 1', tier2: 'Tier 2', tier3: 'Tier 3' },
  weekday: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
  staffStatus: { active: 'Active', disabled: 'Disabled' },
  jobStatus: {
    queued: 'Queued',
    running: 'Running',
    succeeded: 'Succeeded',
    failed: 'Failed (will retry)',
    dead: 'Dead letter',
    discarded: 'Discarded',
  },
  actorKind: { staff: 'Staff', buyer: 'Buyer', system: 'System' },
  yesNo: { yes: 'Yes', no: 'No' },
  audit: {
    entity: {
      auth: 'Account',
      catalog: 'Model database',
      brand: 'Brand',
      series: 'Series',
      trim: 'Trim',
      parameter: 'Parameter',
      media: 'Image',
      listing: 'Listing',
      catalog_listing: 'Listing',
      accessory: 'Accessory',
      catalog_accessory: 'Accessory',
      accessory_category: 'Accessory category',
      catalog_accessory_category: 'Accessory category',
      ad_law_term: 'Ad-law term',
      catalog_ad_law_term: 'Ad-law term',
      dealer: 'Dealer',
      dealer_qualification: 'Dealer qualification',
      store: 'Store',
      staff: 'Staff',
      staff_account: 'Staff account',
      role: 'Role',
      job: 'Job',
      customer: 'Customer',
      finance_product: 'Finance product',
      vehicle_unit: 'Vehicle unit',
      stock_location: 'Stock location',
      accessory_stock: 'Accessory stock',
      replenishment_setting: 'Replenishment setting',
      replenishment_suggestion: 'Replenishment suggestion',
      unit_hold: 'Unit hold',
      order: 'Order',
      payment_intent: 'Payment',
      payment_refund: 'Refund',
      payment_ledger: 'Ledger',
      purchaseContract: 'Purchase contract',
      contractTemplate: 'Contract template',
      risk_case: 'Risk case',
      risk_rule: 'Risk rule',
      loan_application: 'Loan application',
      insurer: 'Insurer',
      insurance_choice: 'Insurance plan',
    },
    verb: {
      create: 'created',
      update: 'changed',
      delete: 'deleted',
      upload: 'uploaded',
      sign_in: 'signed in',
      suspend: 'suspended',
      reinstate: 'reinstated',
      qualification_add: 'qualification added',
      change_password: 'password changed',
      totp_enrol: 'two-step verification on',
      update_permissions: 'permissions changed',
      import_create: 'imported (new)',
      import_update: 'imported (update)',
      colours: 'colours changed',
      packages: 'packages changed',
      parameters: 'specification changed',
      inspection: 'inspection saved',
      portal_update: 'changed in the portal',
      submit: 'submitted for review',
      approve: 'approved',
      reject: 'rejected',
      delist: 'delisted',
      relist: 'relisted',
      retry: 'retried',
      discard: 'discarded',
      reserve: 'reserved',
      release: 'hold released',
      sell: 'sold',
      receive: 'received',
      deliver: 'delivered',
      change_price: 'price changed',
      sell_out: 'off sale: no stock',
      restock: 'back on sale: stock arrived',
      hold: 'sent back to review',
      adjust: 'stock adjusted',
      amount_mismatch: 'amount mismatch',
      change_spec: 'spec changed',
      forfeit: 'deposit forfeited',
      import: 'imported',
      open: 'opened',
      put: 'set',
      request: 'requested',
      send_to_lender: 'sent to the lender',
      pay_deposit: 'deposit paid',
      allocate: 'unit allocated',
      sign_contract: 'contract signed',
      pay_balance: 'balance paid',
      disburse_loan: 'loan disbursed',
      make_ready: 'ready for delivery',
      cancel: 'cancelled',
      succeed: 'succeeded',
      fail: 'failed',
      expire: 'expired',
      start_refund: 'refund started',
      refund_partly: 'partly refunded',
      refund_fully: 'fully refunded',
      refund_undone: 'refund undone',
      settle: 'refund settled',
      buyer_sign: 'signed by the buyer',
      dealer_sign: 'signed by the dealer',
      void: 'voided',
      clear: 'cleared',
      confirm: 'confirmed',
      accept: 'accepted',
      dismiss: 'dismissed',
      decide: 'decided',
    },
  },
  job: {
    'search.index': 'Search index update',
    'search.popularity': 'Popularity statistics',
    'notifications.send': 'Send notification',
    'email.send': 'Send email',
    'dealer.created': 'Dealer created (event)',
    'dealer.updated': 'Dealer changed (event)',
    'dealer.suspended': 'Dealer suspended (event)',
    'dealer.reinstated': 'Dealer reinstated (event)',
    'dealer.qualification_added': 'Dealer qualification (event)',
    'store.created': 'Store created (event)',
    'store.updated': 'Store changed (event)',
    'catalog.trim_changed': 'Trim changed (event)',
    'catalog.listing_changed': 'Listing changed (event)',
    'crm.customer_registered': 'New customer (event)',
    'inventory.expire_holds': 'Release expired holds',
    'inventory.stock_alert': 'Stock alert',
  },
};

addTranslations('labels', labelsZh, labelsEn);

/** Ant Design tag colours for status-like codes (same in both languages). */
const COLOURS: Partial<Record<LabelKind, Record<string, string>>> = {
  listingStatus: {
    draft: 'default',
    in_review: 'processing',
    listed: 'green',
    rejected: 'red',
    delisted: 'orange',
  },
  dealerStatus: { active: 'green', suspended: 'orange' },
  storeStatus: { active: 'green', closed: 'default' },
  staffStatus: { active: 'green', disabled: 'default' },
  accessoryStatus: { draft: 'default', listed: 'green', delisted: 'orange' },
  catalogStatus: { on_sale: 'green', discontinued: 'default', upcoming: 'blue' },
  jobStatus: {
    queued: 'default',
    running: 'processing',
    succeeded: 'green',
    failed: 'orange',
    dead: 'red',
    discarded: 'default',
  },
  adLawSeverity: { block: 'red', warn: 'orange' },
  itemResult: { ok: 'green', minor: 'blue', moderate: 'gold', severe: 'orange', redline: 'red' },
  listingKind: { new: 'blue', used: 'purple' },
};

type LabelsT = (key: string, opts?: { defaultValue?: string }) => string;

/** A code's label (the `labels` namespace t), or the code itself when no label exists. */
export function labelFor(t: LabelsT, kind: LabelKind, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return t(`${kind}.${code}`, { defaultValue: code });
}

/** "catalog.brand.update" → "品牌 · 修改" (entity · verb); an unknown action shows as itself. */
export function auditActionLabel(t: LabelsT, action: string): string {
  const parts = action.split('.');
  const verb = parts.pop() ?? '';
  const verbLabel = t(`audit.verb.${verb}`, { defaultValue: '' });
  if (!verbLabel) return action;
  const entity = parts.filter((p) => p !== 'catalog' || parts.length === 1).join('_');
  const entityLabel = entity ? t(`audit.entity.${entity}`, { defaultValue: '' }) : '';
  if (parts.length > 0 && !entityLabel) return action;
  return entityLabel ? `${entityLabel} · ${verbLabel}` : verbLabel;
}

/** Hook: every label function in the UI language (re-renders when the language changes). */
export function useLabels() {
  const { t, i18n } = useTranslation('labels');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(() => {
    const tt = t as unknown as LabelsT;
    return {
      lang,
      label: (kind: LabelKind, code: string | null | undefined) => labelFor(tt, kind, code),
      options: (kind: LabelKind) =>
        (ENUM_VALUES[kind] as readonly string[]).map((value) => ({
          value,
          label: labelFor(tt, kind, value),
        })),
      color: (kind: LabelKind, code: string | null | undefined) =>
        (code && COLOURS[kind]?.[code]) || 'default',
      role: (code: string) => {
        const name = (ROLE_NAMES as Record<string, { zh: string; en: string }>)[code];
        return name ? pickName(name, lang) : code;
      },
      roleOptions: (only?: readonly string[]) =>
        (only ?? ROLES).map((r) => ({
          value: r,
          label: pickName(ROLE_NAMES[r as (typeof ROLES)[number]], lang),
        })),
      permission: (code: string) => permissionName(code, lang),
      auditAction: (action: string) => auditActionLabel(tt, action),
      entityType: (type: string) => tt(`audit.entity.${type}`, { defaultValue: type }),
      jobName: (name: string) => tt(`job.${name}`, { defaultValue: name }),
    };
  }, [t, lang]);
}
export type Labels = ReturnType<typeof useLabels>;

/** City code → city name in the UI language ('' while the city list loads: never the raw code). */
export function useCityName(): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const cities = useCities();
  const en = i18n.language === 'en';
  const byCode = useMemo(() => new Map((cities.data ?? []).map((c) => [c.code, c])), [cities.data]);
  return useCallback(
    (code) => {
      if (!code) return '—';
      const c = byCode.get(code);
      if (c) return en ? c.nameEn : c.name;
      return cities.isLoading ? '' : code;
    },
    [byCode, en, cities.isLoading],
  );
}

/** Cities as Select options (label in the UI language, searchable by Chinese name, English name or pinyin). */
export function useCityOptions(): { value: string; label: string; search: string }[] {
  const { i18n } = useTranslation();
  const cities = useCities();
  const en = i18n.language === 'en';
  return useMemo(
    () =>
      (cities.data ?? []).map((c) => ({
        value: c.code,
        label: en ? c.nameEn : c.name,
        search: `${c.name} ${c.nameEn} ${c.pinyin}`,
      })),
    [cities.data, en],
  );
}

/** Every dealer (id, name): for labels and pickers. Only call with `enabled` when the user holds reference.read. */
export function useDealerDirectory(enabled: boolean) {
  return useQuery({
    queryKey: [...dealerKeys.all, 'directory'] as const,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const out: Pick<TDealer, 'id' | 'name' | 'city'>[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await api<Page<TDealer>>('/dealers/dealers', { query: { limit: 100, cursor } });
        out.push(...page.items.map((d) => ({ id: d.id, name: d.name, city: d.city })));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return out;
    },
  });
}

/**
 * Dealer id → dealer name. Pass `enabled` = the user holds reference.read (never call an API the user may
 * not call); without it, or while loading, an unknown id shows as '' so no raw id reaches the screen, unless
 * `fallback` gives one (e.g. a name the row already carries).
 */
export function useDealerName(
  enabled: boolean,
): (id: string | null | undefined, fallback?: string) => string {
  const dir = useDealerDirectory(enabled);
  const byId = useMemo(() => new Map((dir.data ?? []).map((d) => [d.id, d.name])), [dir.data]);
  return useCallback(
    (id, fallback) => {
      if (!id) return '—';
      return byId.get(id) ?? fallback ?? '';
    },
    [byId],
  );
}

/** Brand id → brand name in the UI language (from the public brand index). */
export function useBrandName(): (id: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const index = useBrandIndex();
  const en = i18n.language === 'en';
  return useCallback(
    (id) => {
      if (!id) return '—';
      const brand = index.data?.initials.flatMap((g) => g.brands).find((b) => b.id === id);
      if (brand) return en ? brand.nameEn : brand.name;
      return index.isLoading ? '' : id;
    },
    [index.data, index.isLoading, en],
  );
}
