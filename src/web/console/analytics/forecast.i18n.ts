import { addTranslations } from '../../shared/i18n.js';

// The sales forecast page (销量预测): per series the weekly orders and the next 8 weeks with the 80 % band.

const zh = {
  menu: '销量预测',
  title: '销量预测（按车系，未来 8 周）',
  subtitle:
    '按车系统计每周（周一起，北京时间）的下单量，用 Holt-Winters 指数平滑预测未来 8 周，阴影为 80% 区间。误差为用除最后 8 周以外的数据拟合、预测最后 8 周的结果，旁边是“重复最近 4 周”的朴素基线。预测每周一凌晨更新，并用于库存补货建议。',
  generatedAt: '生成于 {{at}}',
  recompute: '立即重新计算',
  recomputed: '已提交重新计算，稍后刷新',
  empty: '还没有预测：至少需要 16 周的订单数据，预测任务每周一凌晨运行（也可点“立即重新计算”）。',
  history: '实际下单',
  forecast: '预测',
  band: '80% 区间',
  method: '方法',
  methods: {
    holt_damped: '阻尼 Holt（无季节）',
    holt_winters_additive_4w: 'Holt-Winters 加法（4 周季节）',
    holt_winters_additive_13w: 'Holt-Winters 加法（13 周季节）',
  },
  heldOut: '留出 8 周误差',
  baseline: '朴素基线',
  wape: 'WAPE {{value}}',
  mape: 'MAPE {{value}}',
  na: '无',
  weeks: '历史 {{count}} 周',
  nextWeeks: '未来 8 周合计 {{total}} 单',
};

const en: typeof zh = {
  menu: 'Sales forecast',
  title: 'Sales forecast (per series, next 8 weeks)',
  subtitle:
    'Weekly orders per series (weeks start Monday, Beijing time) and the next 8 weeks by Holt-Winters exponential smoothing; the shaded band is the 80 % interval. The error comes from fitting all but the last 8 weeks and forecasting those, beside the naive baseline that repeats the last 4 weeks. Recomputed early every Monday; it feeds the replenishment suggestions.',
  generatedAt: 'Generated {{at}}',
  recompute: 'Recompute now',
  recomputed: 'Recompute requested; refresh in a moment',
  empty:
    'No forecast yet: it needs at least 16 weeks of orders. The job runs early every Monday (or click "Recompute now").',
  history: 'Orders',
  forecast: 'Forecast',
  band: '80 % band',
  method: 'Method',
  methods: {
    holt_damped: 'Damped Holt (no season)',
    holt_winters_additive_4w: 'Additive Holt-Winters (4-week season)',
    holt_winters_additive_13w: 'Additive Holt-Winters (13-week season)',
  },
  heldOut: 'Held-out 8-week error',
  baseline: 'Naive baseline',
  wape: 'WAPE {{value}}',
  mape: 'MAPE {{value}}',
  na: 'n/a',
  weeks: '{{count}} weeks of history',
  nextWeeks: '{{total}} orders in the next 8 weeks',
};

addTranslations('analyticsForecast', zh, en);
