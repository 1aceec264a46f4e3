import { z } from 'zod';
import { ROLES } from '../../kernel/auth/roles.js';
import { ZVisibleText } from '../../kernel/text.js';

// Shared with the web app: imports only zod, *.enums.ts, the kernel roles, other contracts and kernel/text.ts.

export const ZRole = z.enum(ROLES);
export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());
/** Length and strength are checked by the service (so the error says why); this only bounds the size. */
export const ZNewPassword = z.string().min(1).max(128);

export const ZMe = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(ZRole),
    permissions: z.array(z.string()),
    dealerId: z.string().nullable(),
    totpEnabled: z.boolean(),
  }),
  z.object({ kind: z.literal('buyer'), id: z.string(), phoneMasked: z.string() }),
]);
export type TMe = z.infer<typeof ZMe>;
export type TStaffMe = Extract<TMe, { kind: 'staff' }>;

/**
 * The versions (effective dates) of the user agreement and the privacy policy the storefront shows at
 * /terms and /privacy. Publishing a new text means bumping its version here: sign-in then asks for consent
 * to the new version, and each account records the latest version it accepted.
 */
export const LEGAL_VERSIONS = { terms: '2026-06-01', privacy: '2026-06-01' } as const;

/** The consent a sign-in carries: the versions of the texts the person ticked the box for. */
export const ZLegalConsent = z.object({
  termsVersion: z.string().trim().min(1).max(32),
  privacyVersion: z.string().trim().min(1).max(32),
});
export type TLegalConsent = z.infer<typeof ZLegalConsent>;

export const ZSignInRequest = z.object({ email: ZEmail, password: z.string().min(1).max(128) });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZSignedIn = z.object({ status: z.literal('signed_in'), me: ZMe });
export const ZSignInResponse = z.discriminatedUnion('status', [
  ZSignedIn,
  z.object({ status: z.literal('totp_required'), challengeId: z.string() }),
  z.object({
    status: z.literal('totp_enrolment_required'),
    challengeId: z.string(),
    secret: z.string(),
    otpauthUri: z.string(),
  }),
]);
export type TSignInResponse = z.infer<typeof ZSignInResponse>;

const ZTotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '6 digits');
const ZRecoveryCode = z.string().trim().min(8).max(32);

export const ZTotpVerifyRequest = z
  .object({
    challengeId: z.string().min(1).max(64),
    code: ZTotpCode.optional(),
    recoveryCode: ZRecoveryCode.optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: 'give exactly one of code or recoveryCode',
    path: ['code'],
  });
export type TTotpVerifyRequest = z.infer<typeof ZTotpVerifyRequest>;

export const ZTotpEnrolConfirmRequest = z.object({ challengeId: z.string().min(1).max(64), code: ZTotpCode });
export const ZTotpEnrolConfirmResponse = z.object({
  status: z.literal('signed_in'),
  me: ZMe,
  recoveryCodes: z.array(z.string()),
});
export const ZTotpEnrolResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const ZTotpEnrolSelfConfirmRequest = z.object({ code: ZTotpCode });
export const ZRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const ZMeResponse = z.object({ me: ZMe.nullable(), csrfToken: z.string().nullable() });
export type TMeResponse = z.infer<typeof ZMeResponse>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: ZNewPassword,
});

export const ZStaff = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  status: z.enum(['active', 'disabled']),
  dealerId: z.string().nullable(),
  totpEnabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TStaff = z.infer<typeof ZStaff>;

export const ZStaffListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: ZRole.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  dealerId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TStaffListQuery = z.infer<typeof ZStaffListQuery>;
export const ZStaffPage = z.object({ items: z.array(ZStaff), nextCursor: z.string().nullable() });

const ZDisplayName = ZVisibleText({ max: 60 });
export const ZCreateStaffRequest = z.object({
  email: ZEmail,
  displayName: ZDisplayName,
  roles: z.array(ZRole).min(1).max(10),
  dealerId: z.string().min(1).max(64).nullable().optional(),
  password: ZNewPassword,
});
export type TCreateStaffRequest = z.infer<typeof ZCreateStaffRequest>;
export const ZUpdateStaffRequest = z.object({
  displayName: ZDisplayName.optional(),
  roles: z.array(ZRole).min(1).max(10).optional(),
  dealerId: z.string().min(1).max(64).nullable().optional(),
});
export type TUpdateStaffRequest = z.infer<typeof ZUpdateStaffRequest>;
export const ZResetPasswordRequest = z.object({ newPassword: ZNewPassword });
export const ZStaffIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZDealerStaffCreateRequest = z.object({
  email: ZEmail,
  displayName: ZDisplayName,
  roles: z
    .array(z.enum(['dealer_admin', 'dealer_staff']))
    .min(1)
    .max(2),
  password: ZNewPassword,
});
export type TDealerStaffCreateRequest = z.infer<typeof ZDealerStaffCreateRequest>;
export const ZDealerStaffListQuery = ZStaffListQuery.omit({ dealerId: true, role: true }).extend({
  role: z.enum(['dealer_admin', 'dealer_staff']).optional(),
});

export const ZPermissionInfo = z.object({ permission: z.string(), zh: z.string(), en: z.string() });
export const ZPermissionCatalogue = z.object({ items: z.array(ZPermissionInfo) });
export const ZRoleInfo = z.object({
  role: ZRole,
  name: z.object({ zh: z.string(), en: z.string() }),
  permissions: z.array(z.string()),
  totpRequired: z.boolean(),
});
export const ZRoleList = z.object({ items: z.array(ZRoleInfo) });
export const ZRoleParams = z.object({ role: z.string().min(1).max(40) });
/**
 * The body of PUT /roles/:role/permissions. Permissions belong to the modules, so the codes are known only
 * once they are installed: the routes build this at start-up from the installed ones, which keeps the enum
 * in the OpenAPI document and makes an unknown code a VALIDATION_FAILED like any other field.
 */
export function ZSetRolePermissionsRequestOf<const P extends string>(permissions: readonly P[]) {
  return z.object({ permissions: z.array(z.enum(permissions as readonly [P, ...P[]])).max(500) });
}
