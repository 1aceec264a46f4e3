import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { registeredPermissions } from '../../kernel/auth/permissions.js';
import {
  clearSessionCookies,
  csrfTokenFor,
  SESSION_COOKIE,
  setSessionCookies,
} from '../../kernel/auth/sessions.js';
import { AppError } from '../../kernel/http/errors.js';
import { maskPhone } from '../../kernel/http/logging.js';
import {
  ZChangePasswordRequest,
  ZCreateStaffRequest,
  ZDealerStaffCreateRequest,
  ZDealerStaffListQuery,
  ZMeResponse,
  ZPermissionCatalogue,
  ZRecoveryCodesResponse,
  ZResetPasswordRequest,
  ZRoleInfo,
  ZRoleList,
  ZRoleParams,
  ZSetRolePermissionsRequestOf,
  ZSignedIn,
  ZSignInRequest,
  ZSignInResponse,
  ZStaff,
  ZStaffIdParams,
  ZStaffListQuery,
  ZStaffPage,
  ZTotpEnrolConfirmRequest,
  ZTotpEnrolConfirmResponse,
  ZTotpEnrolResponse,
  ZTotpEnrolSelfConfirmRequest,
  ZTotpVerifyRequest,
  ZUpdateStaffRequest,
} from './identity.contract.js';
import { listRoles, permissionCatalogue, setRolePermissions } from './identity.roles.js';
import { dealerScopeOf, scopeOf } from './identity.scope.js';
import { signIn, signOut, signOutEverywhere, staffMeFromActor } from './identity.sign-in.js';
import {
  changePassword,
  createStaff,
  disableStaff,
  enableStaff,
  getStaff,
  listStaff,
  resetStaffPassword,
  resetStaffTotp,
  updateStaff,
} from './identity.staff.js';
import { confirmEnrolment, confirmSelfEnrolment, startSelfEnrolment, verifyTotp } from './identity.totp.js';

/** Sign-in throttles on top of the lockout: per client IP and per email, over 15 minutes. */
export const SIGN_IN_RATE_LIMITS = { perIp: 30, perEmail: 10, timeWindow: '15 minutes' } as const;

/** Idempotency-Key opt-outs (see kernel/http/idempotency.ts); each reason is listed in the route-table test. */
const ISSUES_SESSION = {
  optOut:
    'issues a session in Set-Cookie, which is never stored or replayed: a replay would leave the browser without its session',
} as const;
const ONE_TIME_SECRET = {
  optOut: 'returns a TOTP secret or recovery codes, shown once and never kept outside the account record',
} as const;
const ENDS_SESSION = {
  optOut:
    'must always end the calling session and clear its cookies; keys are scoped per person, not per session, so a replay could leave a later session open',
} as const;

const ZNoContent = z.null().describe('No content');

/** Recorded with the sessions a route issues. */
function userAgentOf(request: FastifyRequest): string | undefined {
  return request.headers['user-agent'];
}

function emailKey(request: FastifyRequest): string {
  const body = request.body;
  const email = body && typeof body === 'object' && 'email' in body ? body.email : undefined;
  return `sign-in-email:${typeof email === 'string' ? email.toLowerCase() : request.ip}`;
}

/** Routes under /api/v1/identity: staff sign-in and TOTP, own session and password, staff, roles. */
export const identityRoutes: FastifyPluginAsync = async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const db = ctx.database.db;
  const perIp = ctx.config.env === 'test' ? 10_000 : SIGN_IN_RATE_LIMITS.perIp;
  const ipLimit = { max: perIp, timeWindow: SIGN_IN_RATE_LIMITS.timeWindow };
  // A second limiter keyed on the email; the route's own rateLimit config counts per IP.
  const emailLimiter = app.createRateLimit({
    max: SIGN_IN_RATE_LIMITS.perEmail,
    timeWindow: SIGN_IN_RATE_LIMITS.timeWindow,
    keyGenerator: emailKey,
  });
  const perEmail = async (request: FastifyRequest) => {
    const limit = await emailLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) throw new AppError('RATE_LIMITED');
  };

  // ---- sign-in ------------------------------------------------------------------------------

  app.post(
    '/auth/sign-in',
    {
      config: { auth: 'public', csrf: false, rateLimit: ipLimit, idempotent: ISSUES_SESSION },
      preHandler: perEmail,
      schema: {
        tags: ['identity'],
        summary: 'Staff sign-in with email and password',
        body: ZSignInRequest,
        response: { 200: ZSignInResponse },
      },
    },
    async (request, reply) => {
      const outcome = await signIn(db, ctx, request.body, request.mutation, userAgentOf(request));
      if (outcome.status !== 'signed_in') return outcome;
      setSessionCookies(reply, ctx, outcome.session);
      return { status: outcome.status, me: outcome.me };
    },
  );

  app.post(
    '/auth/totp/verify',
    {
      config: { auth: 'public', csrf: false, rateLimit: ipLimit, idempotent: ISSUES_SESSION },
      schema: {
        tags: ['identity'],
        summary: 'Second sign-in step: authenticator code or recovery code',
        body: ZTotpVerifyRequest,
        response: { 200: ZSignedIn },
      },
    },
    async (request, reply) => {
      const { session, me } = await verifyTotp(db, ctx, request.body, request.mutation, userAgentOf(request));
      setSessionCookies(reply, ctx, session);
      return { status: 'signed_in' as const, me };
    },
  );

  app.post(
    '/auth/totp/enrol/confirm',
    {
      config: { auth: 'public', csrf: false, rateLimit: ipLimit, idempotent: ISSUES_SESSION },
      schema: {
        tags: ['identity'],
        summary: 'First sign-in of a role that requires TOTP: confirm the authenticator and sign in',
        body: ZTotpEnrolConfirmRequest,
        response: { 200: ZTotpEnrolConfirmResponse },
      },
    },
    async (request, reply) => {
      const { session, me, recoveryCodes } = await confirmEnrolment(
        db,
        ctx,
        request.body,
        request.mutation,
        userAgentOf(request),
      );
      setSessionCookies(reply, ctx, session);
      return { status: 'signed_in' as const, me, recoveryCodes };
    },
  );

  app.post(
    '/auth/totp/enrol',
    {
      config: { auth: 'staff', idempotent: ONE_TIME_SECRET },
      schema: {
        tags: ['identity'],
        summary: 'Start enrolling an authenticator app for the signed-in staff member',
        response: { 200: ZTotpEnrolResponse },
      },
    },
    async (request) => startSelfEnrolment(db, ctx, requireStaff(request), request.mutation),
  );

  app.post(
    '/auth/totp/enrol/confirm-self',
    {
      config: { auth: 'staff', idempotent: ONE_TIME_SECRET },
      schema: {
        tags: ['identity'],
        summary: 'Confirm the authenticator with its first code; returns recovery codes once',
        body: ZTotpEnrolSelfConfirmRequest,
        response: { 200: ZRecoveryCodesResponse },
      },
    },
    async (request) => ({
      recoveryCodes: await confirmSelfEnrolment(
        db,
        ctx,
        requireStaff(request),
        request.body.code,
        request.mutation,
      ),
    }),
  );

  // ---- own session -----------------------------------------------------------------------------

  app.get(
    '/auth/me',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Who is signed in (staff or buyer), with the CSRF token for mutations',
        response: { 200: ZMeResponse },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) {
        if (request.cookies[SESSION_COOKIE]) clearSessionCookies(reply);
        return { me: null, csrfToken: null };
      }
      const csrfToken = csrfTokenFor(ctx.config, actor.sessionId);
      if (actor.kind === 'buyer') {
        return {
          me: { kind: 'buyer' as const, id: actor.buyerId, phoneMasked: maskPhone(actor.phone) },
          csrfToken,
        };
      }
      // The auth plugin loaded the account, roles and grants for this request already.
      return { me: staffMeFromActor(actor), csrfToken };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { auth: 'signed-in', idempotent: ENDS_SESSION },
      schema: { tags: ['identity'], summary: 'End this session', response: { 204: ZNoContent } },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (actor) await signOut(db, { sessionId: actor.sessionId }, request.mutation);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      config: { auth: 'signed-in', idempotent: ENDS_SESSION },
      schema: {
        tags: ['identity'],
        summary: 'End every session of the signed-in person',
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (actor) {
        const subjectId = actor.kind === 'staff' ? actor.accountId : actor.buyerId;
        await signOutEverywhere(db, { kind: actor.kind, subjectId }, request.mutation);
      }
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { auth: 'staff', idempotent: ISSUES_SESSION },
      schema: {
        tags: ['identity'],
        summary: 'Change own password: ends every session and issues a fresh one for this browser',
        body: ZChangePasswordRequest,
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      const session = await changePassword(
        db,
        ctx,
        requireStaff(request),
        request.body,
        request.mutation,
        userAgentOf(request),
      );
      setSessionCookies(reply, ctx, session);
      return reply.status(204).send(null);
    },
  );

  // ---- staff administration -------------------------------------------------------------------

  app.get(
    '/staff',
    {
      config: { auth: { permission: 'staff.read' } },
      schema: {
        tags: ['identity'],
        summary: 'List staff accounts',
        querystring: ZStaffListQuery,
        response: { 200: ZStaffPage },
      },
    },
    async (request) => listStaff(db, ctx, scopeOf(requireStaff(request)), request.query),
  );

  app.get(
    '/staff/:id',
    {
      config: { auth: { permission: 'staff.read' } },
      schema: {
        tags: ['identity'],
        summary: 'One staff account',
        params: ZStaffIdParams,
        response: { 200: ZStaff },
      },
    },
    async (request) => getStaff(db, ctx, scopeOf(requireStaff(request)), request.params.id),
  );

  app.post(
    '/staff',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Create a staff account',
        body: ZCreateStaffRequest,
        response: { 201: ZStaff },
      },
    },
    async (request, reply) => {
      const staff = await createStaff(db, scopeOf(requireStaff(request)), request.body, request.mutation);
      return reply.status(201).send(staff);
    },
  );

  app.patch(
    '/staff/:id',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Edit name, roles or dealer of a staff account',
        params: ZStaffIdParams,
        body: ZUpdateStaffRequest,
        response: { 200: ZStaff },
      },
    },
    async (request) => {
      const scope = scopeOf(requireStaff(request));
      return updateStaff(db, scope, request.params.id, request.body, request.mutation);
    },
  );

  const accountActions = [
    ['disable', 'Disable an account and end its sessions', disableStaff],
    ['enable', 'Re-enable an account and clear its lockout', enableStaff],
    ['reset-totp', 'Remove the authenticator and recovery codes; ends sessions', resetStaffTotp],
  ] as const;
  for (const [action, summary, run] of accountActions) {
    app.post(
      `/staff/:id/${action}`,
      {
        config: { auth: { permission: 'staff.manage' } },
        schema: { tags: ['identity'], summary, params: ZStaffIdParams, response: { 200: ZStaff } },
      },
      async (request) => run(db, scopeOf(requireStaff(request)), request.params.id, request.mutation),
    );
  }

  app.post(
    '/staff/:id/reset-password',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Set a new password for an account and end its sessions',
        params: ZStaffIdParams,
        body: ZResetPasswordRequest,
        response: { 200: ZStaff },
      },
    },
    async (request) => {
      const scope = scopeOf(requireStaff(request));
      return resetStaffPassword(db, scope, request.params.id, request.body.newPassword, request.mutation);
    },
  );

  // ---- dealer admins: their own dealer's staff -------------------------------------------------

  app.get(
    '/dealer-staff',
    {
      config: { auth: { permission: 'dealer.manage_staff' } },
      schema: {
        tags: ['identity'],
        summary: "List the caller's dealer staff",
        querystring: ZDealerStaffListQuery,
        response: { 200: ZStaffPage },
      },
    },
    async (request) => listStaff(db, ctx, dealerScopeOf(requireStaff(request)), request.query),
  );

  app.post(
    '/dealer-staff',
    {
      config: { auth: { permission: 'dealer.manage_staff' } },
      schema: {
        tags: ['identity'],
        summary: "Create an account for the caller's dealer (dealer roles only)",
        body: ZDealerStaffCreateRequest,
        response: { 201: ZStaff },
      },
    },
    async (request, reply) => {
      const scope = dealerScopeOf(requireStaff(request));
      const staff = await createStaff(db, scope, request.body, request.mutation);
      return reply.status(201).send(staff);
    },
  );

  for (const [action, summary, run] of accountActions.slice(0, 2)) {
    app.post(
      `/dealer-staff/:id/${action}`,
      {
        config: { auth: { permission: 'dealer.manage_staff' } },
        schema: {
          tags: ['identity'],
          summary: `${summary} (own dealer only)`,
          params: ZStaffIdParams,
          response: { 200: ZStaff },
        },
      },
      async (request) => run(db, dealerScopeOf(requireStaff(request)), request.params.id, request.mutation),
    );
  }

  // ---- roles and permissions ------------------------------------------------------------------

  app.get(
    '/permissions',
    {
      config: { auth: { permission: 'roles.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'The permission catalogue',
        response: { 200: ZPermissionCatalogue },
      },
    },
    async () => ({ items: permissionCatalogue() }),
  );

  app.get(
    '/roles',
    {
      config: { auth: { permission: 'staff.read' } },
      schema: {
        tags: ['identity'],
        summary: 'Roles with their current permissions',
        response: { 200: ZRoleList },
      },
    },
    async () => ({ items: await listRoles(db) }),
  );

  app.put(
    '/roles/:role/permissions',
    {
      config: { auth: { permission: 'roles.manage' } },
      schema: {
        tags: ['identity'],
        summary: "Replace a role's permissions",
        params: ZRoleParams,
        body: ZSetRolePermissionsRequestOf([...registeredPermissions().keys()]),
        response: { 200: ZRoleInfo },
      },
    },
    async (request) =>
      setRolePermissions(db, request.params.role, request.body.permissions, request.mutation),
  );
};
