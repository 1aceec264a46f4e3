import type { Permission } from './permissions.js';
import type { Role } from './roles.js';

/** Who is making a request, resolved from the session cookie or bearer token by the auth plugin. */
export type Actor =
  | {
      kind: 'staff';
      accountId: string;
      sessionId: string;
      email: string;
      displayName: string;
      roles: readonly Role[];
      permissions: ReadonlySet<Permission>;
      /** Set for dealer staff: every service call is scoped to this dealer. */
      dealerId: string | null;
      totpEnabled: boolean;
    }
  | { kind: 'buyer'; buyerId: string; sessionId: string; phone: string };

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type BuyerActor = Extract<Actor, { kind: 'buyer' }>;

/**
 * What a route requires. Every /api route must declare one in `config.auth` (checked at start-up):
 * - 'public': anyone
 * - 'buyer': a signed-in buyer
 * - 'staff': any signed-in staff member (e.g. their own profile)
 * - { permission }: staff holding that permission (dealer staff are then scoped by services)
 */
export type RouteAuth = 'public' | 'buyer' | 'staff' | 'signed-in' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
