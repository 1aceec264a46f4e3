import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../kernel/context.js';
import { formatCny } from '../../kernel/money.js';
import type { OnlineProvider } from './payments.enums.js';
import * as repo from './payments.repository.js';
import { openSandboxTrade } from './payments.sandbox.js';
import type { PaymentIntentRow, SandboxTradeRow } from './payments.schema.js';

// The sandbox pay page (/sandbox/pay/:intentId): what a buyer would see at the provider, in the provider's
// colours, zh-CN or en by Accept-Language / ?lang=. On a desktop it shows a QR code of the page (scan it
// with a phone) and the three outcome buttons; on a phone (or ?scan=1) a confirm button. Plain HTML forms
// post to /api/v1/payments/sandbox/:intentId/:action, so no script runs (the CSP allows none inline).

const BRAND: Record<OnlineProvider, { zh: string; en: string; colour: string }> = {
  alipay: { zh: '支付宝', en: 'Alipay', colour: '#1677ff' },
  wechat_pay: { zh: '微信支付', en: 'WeChat Pay', colour: '#07c160' },
  unionpay: { zh: '银联在线支付', en: 'UnionPay', colour: '#d7000f' },
};

const TEXT = {
  'zh-CN': {
    sandbox: '沙箱环境 · 不会产生真实扣款',
    order: '订单号',
    amount: '应付金额',
    scan: (b: string) => `请使用手机${b}扫一扫`,
    confirm: '确认付款',
    succeed: '支付成功',
    fail: '支付失败',
    close: '关闭',
    expires: '请在以下时间前完成支付',
    done: { PAID: '已支付成功，可关闭此页面', FAILED: '支付失败', CLOSED: '交易已关闭', WAIT: '' },
    notFound: '未找到该支付单',
    status: '支付单状态',
    back: '返回订单',
  },
  en: {
    sandbox: 'Sandbox · no real money moves',
    order: 'Order',
    amount: 'Amount due',
    scan: (b: string) => `Scan with ${b} on your phone`,
    confirm: 'Confirm payment',
    succeed: 'Payment succeeds',
    fail: 'Payment fails',
    close: 'Close',
    expires: 'Pay before',
    done: {
      PAID: 'Paid. You may close this page.',
      FAILED: 'The payment failed',
      CLOSED: 'The trade is closed',
      WAIT: '',
    },
    notFound: 'Payment not found',
    status: 'Payment status',
    back: 'Back to the order',
  },
} as const;

/**
 * The storefront page the buyer goes back to (`?returnTo=`): only an order (or shop order) page of this site, so the sandbox
 * page cannot be used to send people elsewhere (open redirect).
 */
export function safeReturnTo(value: string | undefined): string | null {
  return value && /^\/account\/(shop-)?orders\/[A-Za-z0-9_-]{1,64}$/.test(value) ? value : null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function qrSvg(text: string): Promise<string> {
  // qrcode is loaded only when a sandbox page is shown (it is not needed in production).
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'svg', margin: 1, width: 220, errorCorrectionLevel: 'M' });
}

export async function renderPayPage(
  intent: PaymentIntentRow,
  trade: SandboxTradeRow,
  lang: 'zh-CN' | 'en',
  mobile: boolean,
  returnTo: string | null = null,
): Promise<string> {
  const t = TEXT[lang];
  const provider = intent.provider as OnlineProvider;
  const brand = BRAND[provider];
  const brandName = lang === 'en' ? brand.en : brand.zh;
  const back = returnTo ? `&amp;returnTo=${encodeURIComponent(returnTo)}` : '';
  const action = (a: string, label: string, primary: boolean) =>
    `<form method="post" action="/api/v1/payments/sandbox/${esc(intent.id)}/${a}?lang=${lang}${mobile ? '&amp;scan=1' : ''}${back}"><button type="submit" data-testid="sandbox-${a}" class="${primary ? 'primary' : ''}">${esc(label)}</button></form>`;
  const done =
    trade.state !== 'WAIT'
      ? `<p class="done" data-testid="sandbox-result">${esc(t.done[trade.state as 'PAID'])}</p>`
      : '';
  const qr =
    !mobile && trade.state === 'WAIT' && intent.qrCodeText
      ? `<div class="qr">${await qrSvg(intent.qrCodeText)}<p>${esc(t.scan(brandName))}</p></div>`
      : '';
  const buttons =
    trade.state !== 'WAIT'
      ? ''
      : mobile
        ? `${action('succeed', t.confirm, true)}${action('close', t.close, false)}`
        : `<div class="row">${action('succeed', t.succeed, true)}${action('fail', t.fail, false)}${action('close', t.close, false)}</div>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(brandName)} · ${esc(intent.subject)}</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222}
header{background:${brand.colour};color:#fff;padding:14px 20px;font-size:18px;font-weight:600}
.badge{display:inline-block;margin-left:8px;font-size:12px;font-weight:400;background:rgba(255,255,255,.2);padding:2px 8px;border-radius:10px}
main{max-width:420px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.subject{font-size:15px;color:#555}.amount{font-size:34px;font-weight:600;margin:8px 0 16px}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;font-size:13px;color:#666}dt{color:#999}
.qr{text-align:center;margin:16px 0}.qr p{font-size:13px;color:#666}
.row{display:flex;gap:8px}.row form{flex:1}
button{width:100%;padding:12px;margin-top:8px;border-radius:6px;border:1px solid #ddd;background:#fff;font-size:15px;cursor:pointer}
button.primary{background:${brand.colour};border-color:${brand.colour};color:#fff}
.back{text-align:center;margin-top:16px}.back a{color:${brand.colour}}
.done{font-size:16px;text-align:center;color:${brand.colour};margin:16px 0}
</style></head>
<body><header>${esc(brandName)}<span class="badge">${esc(t.sandbox)}</span></header>
<main><div class="subject">${esc(intent.subject)}</div>
<div class="amount" data-testid="sandbox-amount">${esc(formatCny(intent.amountFen, lang))}</div>
<dl><dt>${esc(t.order)}</dt><dd>${esc(intent.orderNumber)}</dd>
<dt>${esc(t.status)}</dt><dd data-testid="sandbox-intent-status">${esc(intent.status)}</dd>
<dt>${esc(t.expires)}</dt><dd>${esc(new Date(intent.expiresAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' }))}</dd></dl>
${qr}${done}${buttons}${returnTo ? `<p class="back"><a href="${esc(returnTo)}" data-testid="sandbox-return">${esc(t.back)}</a></p>` : ''}</main></body></html>`;
}

export function pageLang(
  query: { lang?: string } | undefined,
  acceptLanguage: string | undefined,
): 'zh-CN' | 'en' {
  if (query?.lang === 'en' || query?.lang === 'zh-CN') return query.lang;
  return acceptLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function isMobile(userAgent: string | undefined, scan: string | undefined): boolean {
  return scan === '1' || /Mobile|Android|iPhone|iPad|MicroMessenger/i.test(userAgent ?? '');
}

/** GET /sandbox/pay/:intentId (site root): only while the sandbox is on. */
export function sandboxPageRoutes(ctx: () => AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get<{
      Params: { intentId: string };
      Querystring: { lang?: string; scan?: string; returnTo?: string };
    }>('/sandbox/pay/:intentId', { schema: { hide: true } }, async (request, reply) => {
      const c = ctx();
      const lang = pageLang(request.query, request.headers['accept-language']);
      const intent = c.config.payments.sandbox
        ? await repo.findIntent(c.database.db, request.params.intentId)
        : undefined;
      if (!intent || intent.provider === 'bank_transfer' || !intent.sandbox) {
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><meta charset="utf-8"><p>${TEXT[lang].notFound}</p>`);
      }
      const trade = await openSandboxTrade(
        c.database.db,
        { ...intent, provider: intent.provider as OnlineProvider },
        c.clock.now(),
      );
      const html = await renderPayPage(
        intent,
        trade,
        lang,
        isMobile(request.headers['user-agent'], request.query.scan),
        safeReturnTo(request.query.returnTo),
      );
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    });
  };
}
