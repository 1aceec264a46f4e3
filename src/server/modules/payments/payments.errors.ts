import { defineErrors } from '../../kernel/http/errors.js';

export const PaymentsErrors = defineErrors({
  PAYMENT_INTENT_NOT_FOUND: {
    status: 404,
    zh: '未找到该支付单',
    en: 'Payment not found',
    when: "no payment intent has that id, or a buyer asks for another buyer's",
  },
  PAYMENT_AMOUNT_INVALID: {
    status: 422,
    zh: '支付金额不正确',
    en: 'Invalid payment amount',
    when: 'an intent is created with an amount that is not a positive whole number of fen',
  },
  PAYMENT_PROVIDER_UNAVAILABLE: {
    status: 503,
    zh: '{provider} 支付暂不可用',
    en: '{provider} is not available at the moment',
    when: 'an online intent is created for a provider that has no keys configured and no sandbox',
  },
  PAYMENT_GATEWAY_ERROR: {
    status: 502,
    zh: '支付渠道返回错误：{reason}',
    en: 'The payment gateway answered with an error: {reason}',
    when: 'a gateway refuses to create a payment or a statement cannot be fetched',
  },
  PAYMENT_NOT_BANK_TRANSFER: {
    status: 409,
    zh: '该支付单不是银行转账',
    en: 'This payment is not a bank transfer',
    when: 'finance records a bank transfer against an online payment',
  },
  BANK_TRANSFER_AMOUNT_MISMATCH: {
    status: 422,
    zh: '到账金额 {receivedFen} 分与应付金额 {expectedFen} 分不一致',
    en: 'The amount received ({receivedFen} fen) differs from the amount due ({expectedFen} fen)',
    when: 'a recorded bank transfer is not exactly the amount of its intent (nothing is recorded; risk is told)',
  },
  BANK_TRANSFER_PROOF_MISSING: {
    status: 400,
    zh: '请上传转账凭证（回单图片）',
    en: 'Upload the transfer proof (a receipt image)',
    when: 'a bank transfer is recorded without a proof file, or without its fields',
  },
  BANK_TRANSFER_PROOF_INVALID: {
    status: 415,
    zh: '转账凭证须为 JPEG、PNG、WebP 或 PDF，且不超过 8 MB',
    en: 'The proof must be a JPEG, PNG, WebP or PDF of at most 8 MB',
    when: 'the proof file is of another type (by its bytes, not its name) or too large',
  },
  REFUND_NOT_FOUND: {
    status: 404,
    zh: '未找到该退款',
    en: 'Refund not found',
    when: 'no refund has that id',
  },
  REFUND_EXCEEDS_REFUNDABLE: {
    status: 409,
    zh: '退款金额超过可退金额（可退 {refundableFen} 分）',
    en: 'The refund is more than can be refunded ({refundableFen} fen)',
    when: "a refund asks for more than the order's succeeded payments less what is refunded or being refunded",
  },
  FORFEIT_EXCEEDS_HELD: {
    status: 409,
    zh: '没收金额超过代收的定金（{heldFen} 分）',
    en: 'The forfeit is more than the deposit held ({heldFen} fen)',
    when: 'a forfeited deposit is larger than what the order still holds as deposit',
  },
  COMPENSATION_NO_DEPOSIT: {
    status: 409,
    zh: '该订单没有已支付的定金，无法支付违约补偿',
    en: 'This order has no paid deposit to pay compensation through',
    when: 'the seller compensation is paid for an order whose deposit was never paid online',
  },
  RECON_RUN_NOT_FOUND: {
    status: 404,
    zh: '未找到该对账记录',
    en: 'Reconciliation run not found',
    when: 'no reconciliation run has that id',
  },
  UNIONPAY_RELAY_UNAVAILABLE: {
    status: 404,
    zh: '银联支付未配置',
    en: 'UnionPay is not configured',
    when: 'the UnionPay relay page is asked for while the real UnionPay adapter has no keys',
  },
  PAYMENT_SANDBOX_DISABLED: {
    status: 404,
    zh: '沙箱支付未开启',
    en: 'The payment sandbox is off',
    when: 'a sandbox pay page or action is asked for while PAYMENT_SANDBOX is off',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    payments: typeof PaymentsErrors;
  }
}
