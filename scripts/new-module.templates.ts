// The files `npm run new:module` writes: one module folder in the kit's conventions, with a sample entity
// that has a table, a list/detail/create API, a two-action state machine, an event, permissions, an audit
// row per change and a route test that checks the stored state. Kept in step with the dealers module.

export interface ModuleNames {
  /** Folder, URL prefix and permission prefix: `testdrives`. */
  readonly module: string;
  /** `Testdrives` */
  readonly Module: string;
  /** `testdrives` in camelCase (the export is `<camel>Module`). */
  readonly camel: string;
  /** The sample entity: `testdrive`, `Testdrive`, `TESTDRIVE`. */
  readonly entity: string;
  readonly Entity: string;
  readonly ENTITY: string;
  /** Table name (snake_case). */
  readonly table: string;
  /** Id prefix: `tes_...`. */
  readonly idPrefix: string;
}

const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());
const camelCase = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Validates a module name (`leads`, `test_drives`) and derives the names; a string is the error. */
export function parseModuleName(name: string | undefined, entity?: string): ModuleNames | string {
  if (!name) return 'usage: npm run new:module -- NAME [--entity SINGULAR]';
  if (!/^[a-z][a-z0-9_]{1,30}$/.test(name)) return `"${name}" must be lower-case letters, digits and _`;
  const singular = entity ?? (name.endsWith('s') && name.length > 3 ? name.slice(0, -1) : `${name}_item`);
  if (!/^[a-z][a-z0-9_]{1,30}$/.test(singular)) return `entity "${singular}" must be lower-case letters`;
  return {
    module: name,
    Module: pascal(name),
    camel: camelCase(name),
    entity: camelCase(singular),
    Entity: pascal(singular),
    ENTITY: singular.toUpperCase(),
    table: name,
    idPrefix: singular.replace(/_/g, '').slice(0, 3),
  };
}

/** File name -> contents for a new module folder. */
export function moduleFiles(n: ModuleNames): Record<string, string> {
  const { module: m, Module: M, entity: e, Entity: E, ENTITY: U, table: T, idPrefix: P } = n;
  return {
    'index.ts': `import { defineModule } from '../../kernel/module.js';
import { ${M}Errors } from './${m}.errors.js';
import { ${M}Events } from './${m}.events.js';
import { ${e}StatusMachine } from './${m}.machine.js';
import { ${M}Permissions } from './${m}.permissions.js';
import { ${m}Routes } from './${m}.routes.js';

// The ${m} module's public surface: other modules use these, never its repository or tables.

export const ${n.camel}Module = defineModule({
  name: '${m}',
  routes: [{ prefix: '${m}', plugin: ${m}Routes }],
  errors: ${M}Errors,
  permissions: ${M}Permissions,
  events: ${M}Events,
  stateMachines: [${e}StatusMachine],
});

export type { T${E} } from './${m}.contract.js';
export { ${M}Events } from './${m}.events.js';
export { get${E} } from './${m}.service.js';
`,

    [`${m}.enums.ts`]: `// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

export const ${U}_STATUSES = ['draft', 'active', 'archived'] as const;
`,

    [`${m}.schema.ts`]: `import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ${U}_STATUSES } from './${m}.enums.js';

export const ${e}Table = pgTable(
  '${T}',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    status: text('status').$type<(typeof ${U}_STATUSES)[number]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('${T}_created_idx').on(t.createdAt, t.id)],
);

export type ${E}Row = typeof ${e}Table.$inferSelect;
export type New${E}Row = typeof ${e}Table.$inferInsert;
`,

    [`${m}.contract.ts`]: `import { z } from 'zod';
import { ZPageQuery } from '../../kernel/http/page.contract.js';
import { ZVisibleText } from '../../kernel/text.js';
import { ${U}_STATUSES } from './${m}.enums.js';

// Request and response schemas of /api/v1/${m}: they validate, type and document each route, and the web
// app imports them.

export const Z${E}Status = z.enum(${U}_STATUSES);
export const Z${E} = z.object({
  id: z.string(),
  title: z.string(),
  status: Z${E}Status,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type T${E} = z.infer<typeof Z${E}>;

export const Z${E}Page = z.object({ items: z.array(Z${E}), nextCursor: z.string().nullable() });
export const Z${E}ListQuery = ZPageQuery;
export type T${E}ListQuery = z.infer<typeof Z${E}ListQuery>;
export const Z${E}IdParams = z.object({ id: z.string().min(1).max(64) });

export const ZCreate${E}Request = z.object({ title: ZVisibleText({ max: 100 }) });
export type TCreate${E}Request = z.infer<typeof ZCreate${E}Request>;

export const Z${E}ActionParams = z.object({
  id: z.string().min(1).max(64),
  action: z.enum(['activate', 'archive']),
});
`,

    [`${m}.errors.ts`]: `import { defineErrors } from '../../kernel/http/errors.js';

export const ${M}Errors = defineErrors({
  ${U}_NOT_FOUND: {
    status: 404,
    zh: '未找到该记录',
    en: '${E} not found',
    when: 'no ${e} has that id',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    ${n.camel}: typeof ${M}Errors;
  }
}
`,

    [`${m}.events.ts`]: `import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { ${U}_STATUSES } from './${m}.enums.js';

/** Events the ${m} module publishes (payloads carry ids; subscribers read what they need). */
export const ${M}Events = defineEvents({
  ${e}Created: {
    name: '${m}.${n.table.replace(/s$/, '')}_created',
    aggregateType: '${e}',
    payload: z.object({ ${e}Id: z.string() }),
    description: 'a ${e} was created',
  },
  ${e}StatusChanged: {
    name: '${m}.${n.table.replace(/s$/, '')}_status_changed',
    aggregateType: '${e}',
    payload: z.object({ ${e}Id: z.string(), status: z.enum(${U}_STATUSES) }),
    description: 'a ${e} was activated or archived',
  },
});
`,

    [`${m}.permissions.ts`]: `import { definePermissions } from '../../kernel/auth/permissions.js';

export const ${M}Permissions = definePermissions({
  '${m}.read': { zh: '查看${m}', en: 'View ${m}', grants: ['admin', 'operator'] },
  '${m}.manage': { zh: '管理${m}', en: 'Manage ${m}', grants: ['admin', 'operator'] },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    ${n.camel}: typeof ${M}Permissions;
  }
}
`,

    [`${m}.repository.ts`]: `import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { type ${E}Row, ${e}Table, type New${E}Row } from './${m}.schema.js';

// The only code that reads and writes the ${m} tables.

export async function insert${E}(db: DbHandle, row: New${E}Row): Promise<void> {
  await db.insert(${e}Table).values(row);
}

export async function find${E}(db: DbHandle, id: string): Promise<${E}Row | undefined> {
  const [row] = await db.select().from(${e}Table).where(eq(${e}Table.id, id));
  return row;
}

/** Locks the row for a transition (\`for update\`): concurrent changes to one ${e} queue here. */
export async function lock${E}(db: DbHandle, id: string): Promise<${E}Row | null> {
  const [row] = await db.select().from(${e}Table).where(eq(${e}Table.id, id)).for('update');
  return row ?? null;
}

export async function update${E}(db: DbHandle, id: string, set: Partial<New${E}Row>): Promise<void> {
  await db.update(${e}Table).set(set).where(eq(${e}Table.id, id));
}

/** Newest first, keyset-paged on (created_at, id); returns limit+1 rows. */
export function list${E}s(
  db: DbHandle,
  limit: number,
  after: { createdAt: string; id: string } | undefined,
): Promise<${E}Row[]> {
  const where = after
    ? or(
        lt(${e}Table.createdAt, new Date(after.createdAt)),
        and(eq(${e}Table.createdAt, new Date(after.createdAt)), lt(${e}Table.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(${e}Table)
    .where(where)
    .orderBy(desc(${e}Table.createdAt), desc(${e}Table.id))
    .limit(limit + 1);
}
`,

    [`${m}.mappers.ts`]: `import type { T${E} } from './${m}.contract.js';
import type { ${E}Row } from './${m}.schema.js';

/** The one place a ${e} row becomes its API object. */
export function to${E}(row: ${E}Row): T${E} {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
`,

    [`${m}.machine.ts`]: `import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { ${U}_STATUSES } from './${m}.enums.js';
import { ${M}Events } from './${m}.events.js';
import * as repo from './${m}.repository.js';
import type { ${E}Row } from './${m}.schema.js';

/** A ${e}'s status: one table of allowed transitions, run by applyTransition. */
export const ${e}StatusMachine = defineStateMachine({
  name: '${e}',
  entityType: '${e}',
  states: ${U}_STATUSES,
  initial: ['draft'],
  transitions: {
    activate: { from: ['draft'], to: 'active' },
    archive: { from: ['draft', 'active'], to: 'archived' },
  },
  notFound: '${U}_NOT_FOUND',
  lock: repo.lock${E},
  stateOf: (row: ${E}Row) => row.status,
  update: (tx, row, to, _action, mutation) => repo.update${E}(tx, row.id, { status: to, updatedAt: mutation.at }),
  snapshot: (row, status) => ({ ...row, status }),
  emit: async (tx, row, to, _action, mutation) => {
    await publish(tx, ${M}Events.${e}StatusChanged, row.id, { ${e}Id: row.id, status: to }, mutation.at);
  },
});
`,

    [`${m}.service.ts`]: `import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { z } from 'zod';
import type { TCreate${E}Request, T${E}, T${E}ListQuery } from './${m}.contract.js';
import { ${M}Events } from './${m}.events.js';
import { ${e}StatusMachine } from './${m}.machine.js';
import { to${E} } from './${m}.mappers.js';
import * as repo from './${m}.repository.js';

// The ${m} module's rules. Writes take the mutation (who, when, from where) and write their audit row and
// event in the same transaction as the change.

const ZCursor = z.object({ createdAt: z.string(), id: z.string() });

export async function list${E}s(db: DbHandle, query: T${E}ListQuery) {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.list${E}s(db, query.limit, after);
  return toPage(rows, query.limit, to${E}, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
}

export async function get${E}(db: DbHandle, id: string): Promise<T${E}> {
  const row = await repo.find${E}(db, id);
  if (!row) throw new AppError('${U}_NOT_FOUND');
  return to${E}(row);
}

export function create${E}(db: DbHandle, input: TCreate${E}Request, mutation: Mutation): Promise<T${E}> {
  return withTransaction(db, async (tx) => {
    const row = {
      id: newId('${P}'),
      title: input.title,
      status: 'draft' as const,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    await repo.insert${E}(tx, row);
    await audit(tx, mutation, { action: '${e}.create', entityType: '${e}', entityId: row.id, after: row });
    await publish(tx, ${M}Events.${e}Created, row.id, { ${e}Id: row.id }, mutation.at);
    return to${E}(row);
  });
}

export function change${E}Status(
  db: DbHandle,
  id: string,
  action: 'activate' | 'archive',
  mutation: Mutation,
): Promise<T${E}> {
  return withTransaction(db, async (tx) => {
    await applyTransition(tx, ${e}StatusMachine, id, action, mutation);
    return get${E}(tx, id);
  });
}
`,

    [`${m}.routes.ts`]: `import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Z${E},
  Z${E}ActionParams,
  Z${E}IdParams,
  Z${E}ListQuery,
  Z${E}Page,
  ZCreate${E}Request,
} from './${m}.contract.js';
import * as service from './${m}.service.js';

const tags = ['${m}'];
const read = { permission: '${m}.read' } as const;
const manage = { permission: '${m}.manage' } as const;

/** The ${m} API under /api/v1/${m}: schema in, one service call, DTO out. */
export const ${m}Routes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/',
    { config: { auth: read }, schema: { tags, querystring: Z${E}ListQuery, response: { 200: Z${E}Page } } },
    async (request) => service.list${E}s(db(), request.query),
  );

  app.get(
    '/:id',
    { config: { auth: read }, schema: { tags, params: Z${E}IdParams, response: { 200: Z${E} } } },
    async (request) => service.get${E}(db(), request.params.id),
  );

  app.post(
    '/',
    { config: { auth: manage }, schema: { tags, body: ZCreate${E}Request, response: { 201: Z${E} } } },
    async (request, reply) => reply.status(201).send(await service.create${E}(db(), request.body, request.mutation)),
  );

  app.post(
    '/:id/:action',
    { config: { auth: manage }, schema: { tags, params: Z${E}ActionParams, response: { 200: Z${E} } } },
    async (request) =>
      service.change${E}Status(db(), request.params.id, request.params.action, request.mutation),
  );
};
`,

    [`${m}.routes.test.ts`]: `import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { ${e}Table } from './${m}.schema.js';

let t: TestApp;
let operator: TestStaff;
let marketing: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
});
afterAll(async () => {
  await t.close();
});

async function create(title: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/${m}',
    headers: operator.bearer,
    payload: { title },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string };
}

describe('${m}', () => {
  it('creates a ${e} as a draft with its audit row and event in the same transaction', async () => {
    const created = await create('上海浦东门店');
    const [row] = await t.database.db.select().from(${e}Table).where(eq(${e}Table.id, created.id));
    expect(row?.status).toBe('draft');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, '${e}.create')));
    expect(audits).toHaveLength(1);
    const events = await t.database.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, created.id));
    expect(events.map((ev) => ev.type)).toContain('${m}.${n.table.replace(/s$/, '')}_created');
  });

  it('activates a draft and refuses to activate it twice with a 409 naming the state', async () => {
    const created = await create('北京朝阳门店');
    const ok = await t.app.inject({
      method: 'POST',
      url: \`/api/v1/${m}/\${created.id}/activate\`,
      headers: operator.bearer,
    });
    expect(ok.json()).toMatchObject({ status: 'active' });
    const again = await t.app.inject({
      method: 'POST',
      url: \`/api/v1/${m}/\${created.id}/activate\`,
      headers: operator.bearer,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'INVALID_TRANSITION', details: { from: 'active' } } });
  });

  it('answers a missing ${e} with 404 and a caller without the permission with 403', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/${m}/nope', headers: operator.bearer });
    expect(missing.json()).toMatchObject({ error: { code: '${U}_NOT_FOUND' } });
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/${m}', headers: marketing.bearer });
    expect(denied.statusCode).toBe(403);
  });

  it('rejects a title made only of invisible characters and stores nothing', async () => {
    const before = await t.database.db.select().from(${e}Table);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/${m}',
      headers: operator.bearer,
      payload: { title: '\\u200b\\u200b' },
    });
    expect(res.statusCode).toBe(400);
    expect(await t.database.db.select().from(${e}Table)).toHaveLength(before.length);
  });
});
`,
  };
}
