import type { FastifyPluginAsync } from 'fastify';
import { type PermissionDef, registerPermissions } from './auth/permissions.js';
import type { AppContext } from './context.js';
import type { EventDef, SubscriptionDef } from './events/define.js';
import { subscribe } from './events/dispatcher.js';
import { type ErrorCatalog, errorDefsOf, registerErrors } from './http/errors.js';
import { type HeadRenderer, registerHeadRenderer } from './http/web.js';
import {
  type JobHandler,
  type JobHandlerOptions,
  registerJobHandler,
  registerSchedule,
  type ScheduleSpec,
} from './jobs/registry.js';
import type { StateMachine } from './state-machine.js';

/** One HTTP surface of a module: mounted under `/api/v1/<prefix>` (or at the site root). */
export interface ModuleRoutesDef {
  readonly prefix: string;
  readonly plugin: FastifyPluginAsync;
  /** Mounted at the site root instead of /api/v1/<prefix> (sitemap.xml, robots.txt). */
  readonly atRoot?: boolean;
}

/** A job handler a module owns (`<module>.<job>`). */
export interface JobDef {
  readonly name: string;
  readonly handle: JobHandler;
  readonly options?: JobHandlerOptions;
}

/** Declares a job handler; the payload type is the handler's own (jobs carry JSON). */
export function job<P = Record<string, unknown>>(
  name: string,
  handle: JobHandler<P>,
  options?: JobHandlerOptions,
): JobDef {
  return { name, handle: handle as JobHandler, ...(options ? { options } : {}) };
}

/** A recurring job: each slot enqueues `job` at most once across all processes. */
export interface ScheduleDef {
  readonly name: string;
  readonly spec: ScheduleSpec;
  readonly job: string;
  readonly payload?: Record<string, unknown>;
}

/** A demo login printed at start-up. */
export interface DemoLogin {
  readonly area: 'storefront' | 'console' | 'dealer';
  readonly role: string;
  readonly login: string;
  readonly secret: string;
}

/**
 * One step of the demo seed; steps run in module order, then in the order a module lists them, and must
 * be re-runnable row by row (rows that exist are kept). A step that makes a login whose secret exists only
 * now (a generated password) hands it to `report`, the one chance to show it.
 */
export interface SeedStep {
  readonly name: string;
  run(ctx: AppContext, report?: (login: DemoLogin) => void): Promise<void>;
}

/**
 * Everything a module brings to the platform, in one place (`<module>/index.ts`). App start-up, the
 * job runner, the seed, the permission table and the generated docs all read the list of these.
 */
export interface ModuleDef {
  readonly name: string;
  readonly routes?: readonly ModuleRoutesDef[];
  readonly errors?: ErrorCatalog;
  readonly permissions?: Readonly<Record<string, PermissionDef>>;
  readonly events?: Readonly<Record<string, EventDef>>;
  readonly subscriptions?: readonly SubscriptionDef[];
  readonly jobs?: readonly JobDef[];
  readonly schedules?: readonly ScheduleDef[];
  readonly seed?: readonly SeedStep[];
  /** Development demo logins with their published secrets (printed at every development start). */
  readonly demoLogins?: readonly DemoLogin[];
  /** SEO head tags the server injects into the pages this module knows (crawlers run no JavaScript). */
  readonly headRenderers?: readonly HeadRenderer[];
  /** Drawn into docs/state-machines.md. */
  readonly stateMachines?: readonly StateMachine<string, string, unknown>[];
}

/** Declares a module; `installModules` checks and wires the list at start-up. */
export function defineModule<const M extends ModuleDef>(module: M): M {
  return module;
}

/** A module list that cannot be wired: every problem found, so one start-up shows them all. */
export class ModuleDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The module definitions are inconsistent:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ModuleDefinitionError';
  }
}

/**
 * Checks a module list without wiring it: duplicate module names, error codes, permissions, event
 * names, subscription, job and schedule names; subscriptions to events no module publishes;
 * schedules of jobs nobody handles. Returns the problems (empty when the list is sound).
 */
export function checkModules(modules: readonly ModuleDef[]): string[] {
  const problems: string[] = [];
  const owner = (kind: string) => {
    const seen = new Map<string, string>();
    return (key: string, module: string) => {
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${kind} ${key} is declared by ${first} and by ${module}`);
      else seen.set(key, module);
    };
  };
  const moduleName = owner('module');
  const errorCode = owner('error code');
  const permission = owner('permission');
  const eventName = owner('event');
  const subscriber = owner('subscription');
  const jobName = owner('job');
  const scheduleName = owner('schedule');
  const published = new Set<string>();
  const handled = new Set<string>();
  for (const m of modules) {
    moduleName(m.name, m.name);
    for (const code of Object.keys(m.errors ? errorDefsOf(m.errors) : {})) errorCode(code, m.name);
    for (const p of Object.keys(m.permissions ?? {})) permission(p, m.name);
    for (const e of Object.values(m.events ?? {})) {
      eventName(e.name, m.name);
      published.add(e.name);
    }
    for (const s of m.subscriptions ?? []) {
      subscriber(s.name, m.name);
      handled.add(`event:${s.name}`);
    }
    for (const j of m.jobs ?? []) {
      jobName(j.name, m.name);
      handled.add(j.name);
    }
    for (const s of m.schedules ?? []) scheduleName(s.name, m.name);
  }
  for (const m of modules) {
    for (const s of m.subscriptions ?? []) {
      if (!published.has(s.event.name)) {
        problems.push(
          `subscription ${s.name} (${m.name}) listens for ${s.event.name}, which no module publishes`,
        );
      }
    }
    for (const s of m.schedules ?? []) {
      if (!handled.has(s.job))
        problems.push(`schedule ${s.name} (${m.name}) enqueues ${s.job}, which nobody handles`);
    }
  }
  return problems;
}

const installed = new Map<string, ModuleDef>();

/**
 * Checks the module list and wires it into the process-wide registries: error codes, permissions,
 * subscriptions, job handlers and schedules. Refuses (ModuleDefinitionError) a list with problems.
 * Calling it again with the same modules is a no-op, so every app built in one process shares them.
 */
export function installModules(modules: readonly ModuleDef[]): void {
  const fresh = modules.filter((m) => installed.get(m.name) !== m);
  if (fresh.length === 0) return;
  const problems = checkModules(modules);
  for (const m of fresh) {
    if (installed.has(m.name))
      problems.push(`module ${m.name} is installed twice with different definitions`);
  }
  if (problems.length > 0) throw new ModuleDefinitionError(problems);
  for (const m of fresh) {
    if (m.errors) registerErrors(errorDefsOf(m.errors));
    if (m.permissions) registerPermissions(m.name, m.permissions);
    for (const s of m.subscriptions ?? []) subscribe(s.event.name, s.name, s.handle, s.options);
    for (const j of m.jobs ?? []) registerJobHandler(j.name, j.handle, j.options);
    for (const s of m.schedules ?? []) registerSchedule(s.name, s.spec, s.job, s.payload);
    for (const h of m.headRenderers ?? []) registerHeadRenderer(h);
    installed.set(m.name, m);
  }
}

/** The installed modules, in installation order (docs and the seed read them). */
export function installedModules(): readonly ModuleDef[] {
  return [...installed.values()];
}
