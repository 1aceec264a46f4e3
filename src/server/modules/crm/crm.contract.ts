import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { normalizePhone } from './phone.js';

/** A mainland mobile number as people type it ("13812345678", "+86 138 1234 5678"). */
export const ZPhoneInput = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine((v) => normalizePhone(v) !== null, {
    message: 'Not a mainland China mobile number (1[3-9]xxxxxxxxx)',
  });

export const ZSendSmsCodeRequest = z.object({ phone: ZPhoneInput });
export type TSendSmsCodeRequest = z.infer<typeof ZSendSmsCodeRequest>;

export const ZSendSmsCodeResponse = z.object({
  cooldownSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export type TSendSmsCodeResponse = z.infer<typeof ZSendSmsCodeResponse>;

export const ZSmsSignInRequest = z.object({
  phone: ZPhoneInput,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'The code has 6 digits' }),
  /**
   * The versions of the user agreement and privacy policy the buyer ticked the box for (identity's
   * LEGAL_VERSIONS); without the current ones the sign-in is refused with CONSENT_REQUIRED.
   */
  consent: z
    .object({
      termsVersion: z.string().trim().min(1).max(32),
      privacyVersion: z.string().trim().min(1).max(32),
    })
    .optional(),
});
export type TSmsSignInRequest = z.infer<typeof ZSmsSignInRequest>;

export const ZBuyerMe = z.object({
  kind: z.literal('buyer'),
  id: z.string(),
  phoneMasked: z.string(),
});
export type TBuyerMe = z.infer<typeof ZBuyerMe>;

export const ZSmsSignInResponse = z.object({ me: ZBuyerMe, csrfToken: z.string() });
export type TSmsSignInResponse = z.infer<typeof ZSmsSignInResponse>;

export const ZCustomerProfile = z.object({
  id: z.string(),
  phoneMasked: z.string(),
  nickname: z.string().nullable(),
  /** Administrative division code of the buyer's city, e.g. 110100 (Beijing). */
  cityCode: z.string().nullable(),
  createdAt: z.string(),
});
export type TCustomerProfile = z.infer<typeof ZCustomerProfile>;

export const ZUpdateCustomerProfileRequest = z
  .object({
    nickname: ZVisibleText({ max: 20 }).nullable().optional(),
    cityCode: z
      .string()
      .regex(/^\d{6}$/, { message: 'A 6-digit city code such as 110100' })
      .nullable()
      .optional(),
  })
  .refine((v) => v.nickname !== undefined || v.cityCode !== undefined, {
    message: 'Give nickname or cityCode',
  });
export type TUpdateCustomerProfileRequest = z.infer<typeof ZUpdateCustomerProfileRequest>;

export const ZDevSmsInboxQuery = z.object({
  phone: ZPhoneInput.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TDevSmsInboxQuery = z.infer<typeof ZDevSmsInboxQuery>;

export const ZDevSmsMessage = z.object({
  id: z.string(),
  /** Full number: the dev inbox exists only outside production. */
  phone: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export const ZDevSmsInboxResponse = z.object({ messages: z.array(ZDevSmsMessage) });
export type TDevSmsInboxResponse = z.infer<typeof ZDevSmsInboxResponse>;
