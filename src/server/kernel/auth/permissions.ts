/**
 * Permissions are declared by the modules that check them (`<module>.permissions.ts` with
 * `definePermissions`), each with the built-in roles that hold it by default; `installModules` registers
 * them here. Browser-safe (imports only the roles): module permission files and the web may import it.
 */
import { ROLES, type Role } from './roles.js';

/** A permission a module adds: its names and the built-in roles that hold it by default. */
export interface PermissionDef {
  readonly zh: string;
  readonly en: string;
  readonly grants: readonly Role[];
}

/**
 * Every module's permission catalogue by module name. Each `<module>.permissions.ts` adds its entry with
 * `declare module`, so `Permission` is the union of every code the platform defines and a route guarded
 * by a misspelt permission fails the type-check.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module's permissions file.
export interface PermissionCatalogs {}

/** A permission code some module defines. */
export type Permission = {
  [K in keyof PermissionCatalogs]: keyof PermissionCatalogs[K] & string;
}[keyof PermissionCatalogs];

/** Declares a module's permissions (`<module>.permissions.ts`). */
export function definePermissions<const T extends Record<string, PermissionDef>>(defs: T): T {
  return defs;
}

/** An installed permission: its names, default grants and owning module. */
export interface RegisteredPermission extends PermissionDef {
  readonly module: string;
}

const registered = new Map<string, RegisteredPermission>();

/** Adds a module's permissions to the process-wide table (`installModules` calls it). */
export function registerPermissions(module: string, defs: Readonly<Record<string, PermissionDef>>): void {
  for (const [code, def] of Object.entries(defs)) registered.set(code, { ...def, module });
}

/** Every installed permission with its names, default grants and owning module, in installation order. */
export function registeredPermissions(): ReadonlyMap<Permission, RegisteredPermission> {
  return registered as ReadonlyMap<Permission, RegisteredPermission>;
}

/** True when an installed module defines the permission (role grants may only name those). */
export function isPermission(code: string): code is Permission {
  return registered.has(code);
}

/**
 * Each built-in role's default grants, from the installed permissions (seeded as data by identity; an
 * admin edits role grants in the console afterwards).
 */
export function defaultRoleGrants(): Record<Role, Permission[]> {
  const grants = Object.fromEntries(ROLES.map((role) => [role, [] as Permission[]])) as Record<
    Role,
    Permission[]
  >;
  for (const [code, def] of registeredPermissions()) {
    for (const role of def.grants) grants[role].push(code);
  }
  return grants;
}
