import type { Lang } from '../http/errors.js';

export interface TemplateText {
  readonly title: string;
  readonly body: string;
}

export interface NotificationTemplate {
  /** Groups notifications in the centre (account, security, system, order...). */
  readonly category: string;
  readonly zh: TemplateText;
  readonly en: TemplateText;
}

/**
 * Notification templates in zh-CN and en, by key; `{name}` placeholders are filled from params.
 * The same text serves every channel: in-app (title + body), email (subject + text), SMS (body).
 */
export const NOTIFICATION_TEMPLATES = {
  'pricing.price_drop': {
    category: 'price',
    zh: { title: '您关注的车降价了', body: '{title} 已从 {oldPrice} 降至 {newPrice}，快去看看吧。' },
    en: {
      title: 'A car you follow is cheaper',
      body: '{title} dropped from {oldPrice} to {newPrice}. Take a look.',
    },
  },
  'finance.loan_under_review': {
    category: 'finance',
    zh: {
      title: '贷款申请审核中',
      body: '{lender} 已受理您的贷款申请（贷款金额 {amount}），正在审核，结果将第一时间通知您。',
    },
    en: {
      title: 'Loan application under review',
      body: '{lender} is reviewing your loan application ({amount}); we will tell you the result as soon as it is known.',
    },
  },
  'finance.loan_approved': {
    category: 'finance',
    zh: {
      title: '贷款申请已获批',
      body: '{lender} 已批准您的贷款申请（贷款金额 {amount}），请在“我的贷款”中签署贷款合同。',
    },
    en: {
      title: 'Loan approved',
      body: '{lender} approved your loan application ({amount}). Sign the loan contract under "My loans".',
    },
  },
  'finance.loan_rejected': {
    category: 'finance',
    zh: {
      title: '贷款申请未通过',
      body: '很抱歉，{lender} 未批准您的贷款申请：{reasons}。您可调整首付或期限后重新申请。',
    },
    en: {
      title: 'Loan application declined',
      body: 'Sorry, {lender} declined your loan application: {reasons}. You may change the down payment or term and apply again.',
    },
  },
  'finance.loan_disbursed': {
    category: 'finance',
    zh: { title: '贷款已放款', body: '{lender} 已发放您的贷款 {amount}，请按期还款。' },
    en: { title: 'Loan paid out', body: '{lender} paid out your loan of {amount}. Please repay on time.' },
  },
  'account.welcome': {
    category: 'account',
    zh: {
      title: '欢迎来到 Autoyard',
      body: '您已成功注册 Autoyard。收藏和浏览记录已同步到您的账号，去看看心仪的车型吧。',
    },
    en: {
      title: 'Welcome to Autoyard',
      body: 'You are now registered with Autoyard. Your favourites and viewing history are kept in your account: go and find your car.',
    },
  },
  'account.password_changed': {
    category: 'security',
    zh: {
      title: '您的密码已修改',
      body: '您的账号密码已于 {time} 修改，所有其他登录已退出。如非本人操作，请立即联系管理员。',
    },
    en: {
      title: 'Your password was changed',
      body: 'Your password was changed at {time} and all other sessions were signed out. If this was not you, contact an administrator now.',
    },
  },
  'account.disabled': {
    category: 'security',
    zh: { title: '您的账号已停用', body: '您的账号已于 {time} 被停用。如有疑问，请联系管理员。' },
    en: {
      title: 'Your account was disabled',
      body: 'Your account was disabled at {time}. Contact an administrator if you have questions.',
    },
  },
  'security.new_sign_in': {
    category: 'security',
    zh: {
      title: '新的登录提醒',
      body: '您的账号于 {time} 在新的设备登录（IP：{ip}）。如非本人操作，请立即修改密码。',
    },
    en: {
      title: 'New sign-in',
      body: 'Your account signed in from a new device at {time} (IP: {ip}). If this was not you, change your password now.',
    },
  },
  'inventory.stock_alert': {
    category: 'inventory',
    zh: {
      title: '库存预警',
      body: '库龄超过60天 {aged60} 台（其中超过90天 {aged90} 台）；{lowStock} 个门店车型可售库存不足 {threshold} 台。请在“库存”中处理。',
    },
    en: {
      title: 'Stock alert',
      body: '{aged60} units in stock over 60 days ({aged90} of them over 90); {lowStock} trims at stores have fewer than {threshold} units available. See "Stock".',
    },
  },
  'orders.created': {
    category: 'order',
    zh: {
      title: '订单已提交',
      body: '您的订单 {orderNumber}（{vehicle}）已提交，请在 {deadline} 前支付订金 {deposit}，逾期订单将自动取消。',
    },
    en: {
      title: 'Order placed',
      body: 'Your order {orderNumber} ({vehicle}) is placed. Pay the deposit of {deposit} by {deadline}, or the order is cancelled.',
    },
  },
  'orders.payment_reminder': {
    category: 'order',
    zh: {
      title: '订单即将超时',
      body: '您的订单 {orderNumber}（{vehicle}）尚未支付，将于 {deadline} 自动取消，请尽快支付 {deposit}。',
    },
    en: {
      title: 'Your order is about to expire',
      body: 'Your order {orderNumber} ({vehicle}) is unpaid and will be cancelled at {deadline}. Pay {deposit} now to keep it.',
    },
  },
  'orders.deposit_paid': {
    category: 'order',
    zh: {
      title: '订金已支付',
      body: '订单 {orderNumber}（{vehicle}）已收到 {amount}，我们正在为您分配车辆。',
    },
    en: {
      title: 'Deposit received',
      body: 'We received {amount} for order {orderNumber} ({vehicle}) and are allocating your car.',
    },
  },
  'orders.vehicle_allocated': {
    category: 'order',
    zh: {
      title: '车辆已分配',
      body: '订单 {orderNumber}（{vehicle}）已分配车辆（VIN 尾号 {vinTail}），请留意签约通知。',
    },
    en: {
      title: 'Car allocated',
      body: 'Order {orderNumber} ({vehicle}) has its car (VIN ending {vinTail}). Watch for the contract.',
    },
  },
  'orders.contract_signed': {
    category: 'order',
    zh: { title: '合同已签署', body: '订单 {orderNumber}（{vehicle}）的购车合同已签署。' },
    en: {
      title: 'Contract signed',
      body: 'The purchase contract of order {orderNumber} ({vehicle}) is signed.',
    },
  },
  'orders.balance_paid': {
    category: 'order',
    zh: { title: '尾款已付清', body: '订单 {orderNumber}（{vehicle}）尾款已付清。' },
    en: { title: 'Balance paid', body: 'The balance of order {orderNumber} ({vehicle}) is paid.' },
  },
  'orders.loan_disbursed': {
    category: 'order',
    zh: { title: '贷款已放款', body: '订单 {orderNumber}（{vehicle}）的购车贷款已放款。' },
    en: { title: 'Loan paid out', body: 'The car loan of order {orderNumber} ({vehicle}) was paid out.' },
  },
  'orders.ready_for_delivery': {
    category: 'order',
    zh: {
      title: '车辆待交付',
      body: '订单 {orderNumber}（{vehicle}）款项已结清，车辆待交付，门店将与您预约交车。',
    },
    en: {
      title: 'Ready for delivery',
      body: 'Order {orderNumber} ({vehicle}) is fully paid; the store will arrange the handover with you.',
    },
  },
  'orders.delivery_scheduled': {
    category: 'order',
    zh: { title: '交车已预约', body: '订单 {orderNumber}（{vehicle}）已预约交车：{slot}。' },
    en: { title: 'Delivery booked', body: 'Order {orderNumber} ({vehicle}) is booked for delivery: {slot}.' },
  },
  'orders.in_transit': {
    category: 'order',
    zh: {
      title: '车辆运输中',
      body: '订单 {orderNumber}（{vehicle}）的车辆已发出，可在订单页查看实时位置。',
    },
    en: {
      title: 'Car on its way',
      body: 'The car of order {orderNumber} ({vehicle}) has left; follow it on the order page.',
    },
  },
  'orders.delivered': {
    category: 'order',
    zh: { title: '车辆已交付', body: '订单 {orderNumber}（{vehicle}）的车辆已交付，祝您用车愉快。' },
    en: {
      title: 'Car handed over',
      body: 'The car of order {orderNumber} ({vehicle}) is handed over. Enjoy it.',
    },
  },
  'orders.completed': {
    category: 'order',
    zh: { title: '订单已完成', body: '订单 {orderNumber}（{vehicle}）已完成。' },
    en: { title: 'Order completed', body: 'Order {orderNumber} ({vehicle}) is completed.' },
  },
  'orders.cancelled': {
    category: 'order',
    zh: { title: '订单已取消', body: '订单 {orderNumber}（{vehicle}）已取消，应退款 {refund}，将原路退回。' },
    en: {
      title: 'Order cancelled',
      body: 'Order {orderNumber} ({vehicle}) was cancelled; {refund} is refunded to where it came from.',
    },
  },
  'fulfilment.delivery_delayed': {
    category: 'order',
    zh: {
      title: '交车延误',
      body: '很抱歉，订单 {orderNumber} 的交车未能在预约时段（{slot}）内完成，交付专员会尽快与您联系。',
    },
    en: {
      title: 'Delivery delayed',
      body: 'Sorry: the delivery of order {orderNumber} missed its slot ({slot}). Our delivery team will contact you shortly.',
    },
  },
  'fulfilment.delivery_delayed_staff': {
    category: 'delivery',
    zh: {
      title: '交付超时',
      body: '订单 {orderNumber}（{mode}）已超过预约时段 {slot} 仍未交车，请尽快处理。',
    },
    en: {
      title: 'Delivery overdue',
      body: 'Order {orderNumber} ({mode}) passed its slot {slot} without a handover. Please act now.',
    },
  },
  'fulfilment.warranty_replacement_allocated': {
    category: 'order',
    zh: {
      title: '三包换车已调配新车',
      body: '订单 {orderNumber}（{vehicle}）的三包换车已为您调配同款同色新车，车架号 {vin}，交付专员会与您约定交车时间。',
    },
    en: {
      title: 'Your replacement car is allocated',
      body: 'For order {orderNumber} ({vehicle}) a new car of the same trim and colour is allocated under the warranty rules (VIN {vin}). Our delivery team will arrange the handover with you.',
    },
  },
  'fulfilment.warranty_replacement_pending_staff': {
    category: 'delivery',
    zh: {
      title: '三包换车待调车',
      body: '订单 {orderNumber}（{vehicle}）已同意三包换车，但暂无同款同色库存。请调车到店后在三包申请中重试调配。',
    },
    en: {
      title: 'Warranty replacement waiting for a car',
      body: 'Order {orderNumber} ({vehicle}) was granted a warranty replacement, but no car of the same trim and colour is in stock. Retry the allocation on the claim once one arrives.',
    },
  },
  'jobs.dead_letter': {
    category: 'system',
    zh: {
      title: '后台任务进入死信队列',
      body: '任务 {jobName}（{jobId}）重试 {attempts} 次后仍失败：{error}。请在“任务与死信”中处理。',
    },
    en: {
      title: 'A background job was dead-lettered',
      body: 'Job {jobName} ({jobId}) still failed after {attempts} attempts: {error}. Handle it under "Jobs & dead letters".',
    },
  },
  // Leads (issue 12): assignment, first-response SLA and follow-up tasks, to the advisor in-app.
  'leads.assigned': {
    category: 'leads',
    zh: { title: '新线索已分配给您', body: '{name}（{phone}）来源：{source}，请在 {due} 前首次联系。' },
    en: { title: 'A new lead is yours', body: '{name} ({phone}) via {source}: make first contact by {due}.' },
  },
  'leads.sla_reminder': {
    category: 'leads',
    zh: { title: '线索即将超时', body: '{name}（{phone}）须在 {due} 前首次联系，尚未跟进。' },
    en: { title: 'A lead is nearly overdue', body: '{name} ({phone}) needs first contact by {due}.' },
  },
  'leads.sla_breached': {
    category: 'leads',
    zh: { title: '线索首次响应超时', body: '{advisor} 的线索 {name}（{phone}）已超过首次响应时限 {due}。' },
    en: {
      title: 'Lead first response overdue',
      body: "{advisor}'s lead {name} ({phone}) passed its first-response deadline {due}.",
    },
  },
  'leads.task_due': {
    category: 'leads',
    zh: { title: '跟进任务到期', body: '线索 {name}：{task}（到期 {due}）' },
    en: { title: 'Follow-up task due', body: 'Lead {name}: {task} (due {due})' },
  },
  // ---- test drives (testdrives module) ----
  'testdrives.booked': {
    category: 'testdrive',
    zh: {
      title: '试驾预约成功',
      body: '您已预约 {time} 在{store}（{address}）试驾 {vehicle}，预约号 {bookingNumber}。到店出示签到码并携带驾驶证。',
    },
    en: {
      title: 'Test drive booked',
      body: 'Your test drive of {vehicle} at {store} ({address}) is booked for {time}, booking {bookingNumber}. Show your check-in code and bring your driving licence.',
    },
  },
  'testdrives.store_booked': {
    category: 'testdrive',
    zh: {
      title: '新的试驾预约',
      body: '{name}（{phone}）预约了 {time} 试驾 {vehicle}，预约号 {bookingNumber}。',
    },
    en: {
      title: 'New test-drive booking',
      body: '{name} ({phone}) booked {vehicle} for {time}, booking {bookingNumber}.',
    },
  },
  'testdrives.store_rescheduled': {
    category: 'testdrive',
    zh: {
      title: '试驾预约已改期',
      body: '{name}（{phone}）的试驾 {bookingNumber} 改到 {time}，车辆 {vehicle}。',
    },
    en: {
      title: 'Test drive moved',
      body: '{name} ({phone}) moved test drive {bookingNumber} to {time} ({vehicle}).',
    },
  },
  'testdrives.store_cancelled': {
    category: 'testdrive',
    zh: { title: '试驾预约已取消', body: '{name}（{phone}）取消了 {time} 的试驾 {bookingNumber}。' },
    en: {
      title: 'Test drive cancelled',
      body: '{name} ({phone}) cancelled test drive {bookingNumber} at {time}.',
    },
  },
  'testdrives.rescheduled': {
    category: 'testdrive',
    zh: {
      title: '试驾时间已更改',
      body: '您在{store}的试驾（{vehicle}）已改到 {time}，预约号 {bookingNumber}。',
    },
    en: {
      title: 'Test drive moved',
      body: 'Your test drive of {vehicle} at {store} is now at {time}, booking {bookingNumber}.',
    },
  },
  'testdrives.cancelled': {
    category: 'testdrive',
    zh: {
      title: '试驾已取消',
      body: '您在{store} {time} 的试驾（{vehicle}）已取消，预约号 {bookingNumber}。',
    },
    en: {
      title: 'Test drive cancelled',
      body: 'Your test drive of {vehicle} at {store} on {time} is cancelled (booking {bookingNumber}).',
    },
  },
  'testdrives.reminder_24h': {
    category: 'testdrive',
    zh: {
      title: '明天试驾提醒',
      body: '提醒：您预约了 {time} 在{store}（{address}）试驾 {vehicle}，请携带驾驶证。',
    },
    en: {
      title: 'Test drive tomorrow',
      body: 'Reminder: your test drive of {vehicle} at {store} ({address}) is at {time}. Bring your driving licence.',
    },
  },
  'testdrives.reminder_2h': {
    category: 'testdrive',
    zh: {
      title: '试驾即将开始',
      body: '您的试驾将于 {time} 在{store}开始（{vehicle}），到店出示签到码即可。',
    },
    en: {
      title: 'Test drive soon',
      body: 'Your test drive of {vehicle} at {store} starts at {time}. Show your check-in code on arrival.',
    },
  },
  'testdrives.feedback_request': {
    category: 'testdrive',
    zh: {
      title: '请评价本次试驾',
      body: '感谢您试驾 {vehicle}！花半分钟告诉我们您的感受：打开“我的试驾”评价。',
    },
    en: {
      title: 'How was your test drive?',
      body: 'Thanks for driving the {vehicle}! Tell us how it went in "My test drives".',
    },
  },
  'analytics.review_ready': {
    category: 'analytics',
    zh: {
      title: '复盘报告：{title}',
      body: '{summary}\n\n查看完整报告并下载 CSV / PDF：{link}',
    },
    en: {
      title: 'Review report: {title}',
      body: '{summary}\n\nThe full report, with CSV and PDF downloads: {link}',
    },
  },
} as const satisfies Record<string, NotificationTemplate>;

export type TemplateKey = keyof typeof NOTIFICATION_TEMPLATES;

export function isTemplateKey(key: string): key is TemplateKey {
  return Object.hasOwn(NOTIFICATION_TEMPLATES, key);
}

/** Renders a template in a language; a missing parameter is a programming error and throws. */
export function renderTemplate(
  key: TemplateKey,
  lang: Lang,
  params: Readonly<Record<string, string | number>>,
): TemplateText & { category: string } {
  const t: NotificationTemplate = NOTIFICATION_TEMPLATES[key];
  const text = lang === 'en' ? t.en : t.zh;
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`Template ${key} needs parameter ${name}`);
      return String(v);
    });
  return { category: t.category, title: fill(text.title), body: fill(text.body) };
}
