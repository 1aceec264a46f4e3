import type { Config } from '../../../config.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { ALIYUN_SMS_DEFAULT_ENDPOINT, AliyunSmsProvider } from './aliyun.js';
import { DevInboxSmsProvider } from './dev-inbox.js';
import type { SmsProvider } from './sms.js';

export { AliyunSmsProvider, isRetryableAliyunCode } from './aliyun.js';
export { DevInboxSmsProvider, listDevSmsMessages } from './dev-inbox.js';
export type { SmsMessage, SmsProvider } from './sms.js';
export { SmsSendError } from './sms.js';
export { renderSmsText } from './templates.js';

/** Builds the SMS provider that `config.sms.provider` names. */
export function createSmsProvider(deps: {
  config: Config;
  db: Db;
  clock: Clock;
  /** Overrides the Aliyun endpoint (a regional endpoint or a local fake in tests). */
  aliyunEndpoint?: string;
}): SmsProvider {
  const { config } = deps;
  if (config.sms.provider === 'dev-inbox') {
    return new DevInboxSmsProvider({ config, db: deps.db, clock: deps.clock });
  }
  const aliyun = config.sms.aliyun;
  if (!aliyun) throw new Error('SMS provider aliyun needs config.sms.aliyun');
  return new AliyunSmsProvider({
    accessKeyId: aliyun.accessKeyId,
    accessKeySecret: aliyun.accessKeySecret,
    signName: aliyun.signName,
    // The Aliyun verification-code template takes only ${code}; the validity is part of its fixed text.
    templates: { 'auth.sms_code': { templateCode: aliyun.templateCode, params: ['code'] } },
    endpoint: deps.aliyunEndpoint ?? aliyun.endpoint ?? ALIYUN_SMS_DEFAULT_ENDPOINT,
  });
}
