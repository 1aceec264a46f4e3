import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type ContractSignatureRow,
  type ContractTemplateRow,
  contractDocuments,
  contractSignatures,
  contractTemplates,
  type NewContractSignatureRow,
  type NewContractTemplateRow,
  type NewPurchaseContractRow,
  type PurchaseContractRow,
  purchaseContracts,
} from './contracts.schema.js';

// The only code that reads and writes the contracts tables. Documents, signatures and template versions are
// only ever inserted (triggers refuse UPDATE and DELETE on them).

// ---- templates ----

export async function latestTemplate(db: DbHandle): Promise<ContractTemplateRow | undefined> {
  const [row] = await db.select().from(contractTemplates).orderBy(desc(contractTemplates.version)).limit(1);
  return row;
}

export async function findTemplate(db: DbHandle, id: string): Promise<ContractTemplateRow | undefined> {
  const [row] = await db.select().from(contractTemplates).where(eq(contractTemplates.id, id));
  return row;
}

export function listTemplates(db: DbHandle): Promise<ContractTemplateRow[]> {
  return db.select().from(contractTemplates).orderBy(desc(contractTemplates.version));
}

export async function insertTemplate(db: DbHandle, row: NewContractTemplateRow): Promise<void> {
  await db.insert(contractTemplates).values(row);
}

/** Serialises publishers (a new version number is max + 1) and issuers of one order, per transaction. */
export async function lockKey(db: DbHandle, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

// ---- contracts ----

export async function findContract(db: DbHandle, id: string): Promise<PurchaseContractRow | undefined> {
  const [row] = await db.select().from(purchaseContracts).where(eq(purchaseContracts.id, id));
  return row;
}

/** Locks the row for a transition (`for update`): concurrent signatures of one contract queue here. */
export async function lockContract(db: DbHandle, id: string): Promise<PurchaseContractRow | null> {
  const [row] = await db.select().from(purchaseContracts).where(eq(purchaseContracts.id, id)).for('update');
  return row ?? null;
}

/** The order's contract that is not voided (at most one: a partial unique index). */
export async function findLiveContractForOrder(
  db: DbHandle,
  orderId: string,
): Promise<PurchaseContractRow | undefined> {
  const [row] = await db
    .select()
    .from(purchaseContracts)
    .where(and(eq(purchaseContracts.orderId, orderId), ne(purchaseContracts.status, 'voided')));
  return row;
}

export function listContractsForOrder(db: DbHandle, orderId: string): Promise<PurchaseContractRow[]> {
  return db
    .select()
    .from(purchaseContracts)
    .where(eq(purchaseContracts.orderId, orderId))
    .orderBy(desc(purchaseContracts.createdAt), desc(purchaseContracts.id));
}

export async function countContractsForOrder(db: DbHandle, orderId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(purchaseContracts)
    .where(eq(purchaseContracts.orderId, orderId));
  return row?.n ?? 0;
}

export async function insertContract(db: DbHandle, row: NewPurchaseContractRow): Promise<void> {
  await db.insert(purchaseContracts).values(row);
}

/** Status and timestamps only: the document columns are fixed at issue (a trigger refuses changes). */
export async function updateContractState(
  db: DbHandle,
  id: string,
  set: Pick<Partial<NewPurchaseContractRow>, 'status' | 'signedAt' | 'voidedAt' | 'updatedAt'>,
): Promise<PurchaseContractRow> {
  const [row] = await db.update(purchaseContracts).set(set).where(eq(purchaseContracts.id, id)).returning();
  if (!row) throw new Error(`purchase contract ${id} vanished while locked`);
  return row;
}

// ---- documents and signatures ----

export async function insertDocument(
  db: DbHandle,
  row: { contractId: string; pdf: Buffer; sha256: string; createdAt: Date },
): Promise<void> {
  await db.insert(contractDocuments).values(row);
}

export async function findDocument(
  db: DbHandle,
  contractId: string,
): Promise<{ pdf: Buffer; sha256: string } | undefined> {
  const [row] = await db
    .select({ pdf: contractDocuments.pdf, sha256: contractDocuments.sha256 })
    .from(contractDocuments)
    .where(eq(contractDocuments.contractId, contractId));
  return row;
}

export async function insertSignature(db: DbHandle, row: NewContractSignatureRow): Promise<void> {
  await db.insert(contractSignatures).values(row);
}

export function listSignatures(
  db: DbHandle,
  contractIds: readonly string[],
): Promise<ContractSignatureRow[]> {
  if (contractIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(contractSignatures)
    .where(inArray(contractSignatures.contractId, [...contractIds]))
    .orderBy(asc(contractSignatures.signedAt), asc(contractSignatures.id));
}
