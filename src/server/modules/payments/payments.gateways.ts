import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { createAlipayGateway } from './payments.alipay.js';
import type { OnlineProvider } from './payments.enums.js';
import type { PaymentGateway } from './payments.gateway.js';
import { createSandboxGateway } from './payments.sandbox.js';
import { createUnionpayGateway } from './payments.unionpay.js';
import { createWechatGateway } from './payments.wechat.js';

const cache = new WeakMap<AppContext, Map<OnlineProvider, PaymentGateway>>();

/** The real adapter of a provider, or null when its keys are not configured. */
function realGateway(ctx: AppContext, provider: OnlineProvider): PaymentGateway | null {
  const p = ctx.config.payments;
  if (provider === 'alipay' && p.alipay) {
    return createAlipayGateway({
      appId: p.alipay.appId,
      appPrivateKey: p.alipay.privateKey,
      alipayPublicKey: p.alipay.alipayPublicKey,
      gateway: p.alipay.gateway,
    });
  }
  if (provider === 'wechat_pay' && p.wechatPay) {
    const w = p.wechatPay;
    return createWechatGateway({
      mchId: w.mchId,
      appId: w.appId,
      serialNo: w.serialNo,
      merchantPrivateKey: w.privateKey,
      apiV3Key: w.apiV3Key,
      platformPublicKey: w.platformPublicKey,
      platformSerial: w.platformSerial,
    });
  }
  if (provider === 'unionpay' && p.unionpay) {
    const u = p.unionpay;
    return createUnionpayGateway(
      {
        merId: u.merId,
        certId: u.certId,
        merchantPrivateKey: u.privateKey,
        unionpayPublicKey: u.verifyPublicKey,
        gateway: u.gateway,
        fileGateway: u.fileGateway,
      },
      ctx.config.publicUrl,
    );
  }
  return null;
}

/**
 * The gateway of a provider: the sandbox when PAYMENT_SANDBOX is on, otherwise the real adapter;
 * PAYMENT_PROVIDER_UNAVAILABLE when neither is there (a provider without keys in production).
 */
export function gatewayFor(ctx: AppContext, provider: OnlineProvider): PaymentGateway {
  let byProvider = cache.get(ctx);
  if (!byProvider) {
    byProvider = new Map();
    cache.set(ctx, byProvider);
  }
  const known = byProvider.get(provider);
  if (known) return known;
  const gateway = ctx.config.payments.sandbox
    ? createSandboxGateway(ctx, provider)
    : realGateway(ctx, provider);
  if (!gateway) throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', { provider });
  byProvider.set(provider, gateway);
  return gateway;
}

/** Whether a provider can take payments now (the console and reconciliation skip the others). */
export function providerAvailable(ctx: AppContext, provider: OnlineProvider): boolean {
  return ctx.config.payments.sandbox || realGateway(ctx, provider) !== null;
}
