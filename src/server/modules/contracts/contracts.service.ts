import { createHash } from 'node:crypto';
import type { Actor } from '../../kernel/auth/actor.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import {
  type PurchaseContractFacts,
  type TPurchaseContract,
  type TSignPurchaseContractRequest,
  ZPurchaseContractFacts,
} from './contracts.contract.js';
import type { SignatureParty } from './contracts.enums.js';
import { ContractsEvents } from './contracts.events.js';
import { purchaseContractMachine } from './contracts.machine.js';
import { toPurchaseContract } from './contracts.mappers.js';
import { renderContractPdf } from './contracts.render.js';
import * as repo from './contracts.repository.js';
import type { ContractTemplateRow, PurchaseContractRow } from './contracts.schema.js';

// Purchase contracts: issued from the current template version with an order's facts, signed by the buyer
// and then the dealer. The PDF is rendered once at issue; a signature is a separate row naming the hash
// the signer saw, so signing never touches the document.

/** SHA-256 (lowercase hex) of bytes: what a contract's hash is. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with object keys sorted, so equal facts digest the same whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function invalidFacts(reason: string): AppError {
  return new AppError('CONTRACT_FACTS_INVALID', { reason });
}

/** Parses the facts and checks that they agree with each other. */
function checkFacts(input: PurchaseContractFacts) {
  const parsed = ZPurchaseContractFacts.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidFacts(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const facts = parsed.data;
  const sum = facts.price.items.reduce((total, item) => total + item.amountFen, 0);
  if (sum !== facts.price.totalFen) {
    throw invalidFacts(`price items add up to ${sum} fen, not the total ${facts.price.totalFen}`);
  }
  if (facts.paymentMethod === 'loan' && !facts.loan) throw invalidFacts('a loan payment without its loan');
  if (facts.deposit.amountFen > facts.price.totalFen) throw invalidFacts('the deposit exceeds the total');
  // Civil Code art. 586: a 定金 above 20% of the contract value has no deposit effect for the excess.
  if (facts.deposit.kind === 'binding' && facts.deposit.amountFen * 5 > facts.price.totalFen) {
    throw new AppError('CONTRACT_DEPOSIT_OVER_LIMIT');
  }
  return facts;
}

/** `HT` + the order number without its `AY` prefix + a sequence per order: HT20261121-000123-01. */
function contractNumber(orderNumber: string, sequence: number): string {
  return `HT${orderNumber.replace(/^AY/, '')}-${String(sequence).padStart(2, '0')}`;
}

/** Contracts as API objects, with their template's title and consent clause and their signatures. */
async function present(db: DbHandle, rows: readonly PurchaseContractRow[]): Promise<TPurchaseContract[]> {
  const templates = new Map<string, ContractTemplateRow>();
  for (const id of new Set(rows.map((r) => r.templateId))) {
    const template = await repo.findTemplate(db, id);
    if (template) templates.set(id, template);
  }
  const signatures = await repo.listSignatures(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const template = templates.get(row.templateId);
    if (!template) throw new Error(`template ${row.templateId} of contract ${row.id} is missing`);
    return toPurchaseContract(row, template, signatures);
  });
}

async function presentOne(db: DbHandle, row: PurchaseContractRow): Promise<TPurchaseContract> {
  const [contract] = await present(db, [row]);
  if (!contract) throw new Error('present() lost a row');
  return contract;
}

/**
 * Issues the order's purchase contract from the current template version: renders the PDF, stores its
 * bytes and SHA-256, status `awaiting_buyer`. An unsigned live contract of the order is voided first;
 * one the buyer has signed blocks re-issue (409 CONTRACT_ALREADY_SIGNED). Issuing the same facts on the
 * same template again returns the live contract unchanged (a retried flow makes no second document).
 */
export async function issuePurchaseContract(
  db: DbHandle,
  input: PurchaseContractFacts,
  mutation: Mutation,
): Promise<TPurchaseContract> {
  const facts = checkFacts(input);
  const digest = sha256Hex(canonicalJson(facts));
  return withTransaction(db, async (tx) => {
    await repo.lockKey(tx, `contracts:order:${facts.orderId}`);
    const template = await repo.latestTemplate(tx);
    if (!template) throw new AppError('CONTRACT_TEMPLATE_NOT_FOUND');
    const live = await repo.findLiveContractForOrder(tx, facts.orderId);
    if (live) {
      if (live.status !== 'awaiting_buyer') throw new AppError('CONTRACT_ALREADY_SIGNED');
      if (live.factsDigest === digest && live.templateId === template.id) return presentOne(tx, live);
      await applyTransition(tx, purchaseContractMachine, live.id, 'void', mutation);
    }
    const number = contractNumber(
      facts.orderNumber,
      (await repo.countContractsForOrder(tx, facts.orderId)) + 1,
    );
    const pdf = await renderContractPdf({ template, facts, number, issuedAt: mutation.at });
    const sha256 = sha256Hex(pdf);
    const row: PurchaseContractRow = {
      id: newId('pct'),
      number,
      orderId: facts.orderId,
      orderNumber: facts.orderNumber,
      buyerUserId: facts.buyerUserId,
      dealerId: facts.dealerId,
      storeId: facts.storeId,
      templateId: template.id,
      templateVersion: template.version,
      status: 'awaiting_buyer',
      facts: facts as unknown as Record<string, unknown>,
      factsDigest: digest,
      buyerName: facts.buyer.name,
      sellerName: facts.seller.name,
      sha256,
      pdfBytes: pdf.length,
      issuedAt: mutation.at,
      signedAt: null,
      voidedAt: null,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    await repo.insertContract(tx, row);
    await repo.insertDocument(tx, { contractId: row.id, pdf, sha256, createdAt: mutation.at });
    await audit(tx, mutation, {
      action: 'purchaseContract.issue',
      entityType: 'purchaseContract',
      entityId: row.id,
      after: {
        number,
        orderId: row.orderId,
        templateVersion: row.templateVersion,
        sha256,
        status: row.status,
      },
    });
    await publish(
      tx,
      ContractsEvents.issued,
      row.id,
      { contractId: row.id, orderId: row.orderId },
      mutation.at,
    );
    return presentOne(tx, row);
  });
}

/** One signature, as a flow or the sign route gives it. */
export interface SignPurchaseContractInput {
  readonly contractId: string;
  readonly party: SignatureParty;
  readonly signerUserId: string;
  readonly signerName: string;
  /** The exact consent clause the signer was shown and ticked. */
  readonly consentText: string;
  /** The SHA-256 the signer's page showed: must equal the stored document's. */
  readonly documentSha256: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** Whether the person behind the mutation may sign for `party` (the system, a flow's caller, may). */
function assertMaySign(
  row: PurchaseContractRow,
  input: SignPurchaseContractInput,
  actor: Actor | null,
): void {
  const refuse = () => new AppError('CONTRACT_SIGNER_NOT_ALLOWED');
  if (input.party === 'buyer') {
    if (input.signerUserId !== row.buyerUserId) throw refuse();
    if (actor && (actor.kind !== 'buyer' || actor.buyerId !== row.buyerUserId)) throw refuse();
    return;
  }
  if (!actor) return;
  if (actor.kind !== 'staff' || !actor.permissions.has('contracts.sign')) throw refuse();
  if (actor.dealerId !== null && actor.dealerId !== row.dealerId) throw refuse();
}

/**
 * Signs a contract for one party: the buyer first (awaiting_buyer -> awaiting_dealer), then the dealer
 * (-> signed); out of order is 409 INVALID_TRANSITION. The signer must have seen the stored document
 * (409 CONTRACT_CHANGED otherwise) and ticked the template's consent clause. The signature is its own row;
 * the PDF is untouched.
 */
export function signPurchaseContract(
  db: DbHandle,
  input: SignPurchaseContractInput,
  mutation: Mutation,
): Promise<TPurchaseContract> {
  return withTransaction(db, async (tx) => {
    const action = input.party === 'buyer' ? 'buyer_sign' : 'dealer_sign';
    const { after } = await applyTransition(
      tx,
      purchaseContractMachine,
      input.contractId,
      action,
      mutation,
      async (row) => {
        assertMaySign(row, input, mutation.actor);
        if (input.documentSha256 !== row.sha256) {
          throw new AppError('CONTRACT_CHANGED', { expected: row.sha256 });
        }
        const template = await repo.findTemplate(tx, row.templateId);
        if (input.consentText !== template?.consentText) throw new AppError('CONTRACT_CONSENT_MISMATCH');
      },
    );
    await repo.insertSignature(tx, {
      id: newId('csg'),
      contractId: after.id,
      party: input.party,
      signerUserId: input.signerUserId,
      signerName: input.signerName,
      consentText: input.consentText,
      documentSha256: input.documentSha256,
      signedAt: mutation.at,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    return presentOne(tx, after);
  });
}

/** The order's live (not voided) contract, or null. */
export async function getContractForOrder(db: DbHandle, orderId: string): Promise<TPurchaseContract | null> {
  const row = await repo.findLiveContractForOrder(db, orderId);
  return row ? presentOne(db, row) : null;
}

// ---- access for the routes: the buyer their own, dealer staff their dealer's, platform staff all ----

function mayView(row: PurchaseContractRow, actor: Actor): boolean {
  if (actor.kind === 'buyer') return actor.buyerId === row.buyerUserId;
  if (!actor.permissions.has('contracts.read')) throw new AppError('FORBIDDEN');
  return actor.dealerId === null || actor.dealerId === row.dealerId;
}

async function visibleContract(db: DbHandle, id: string, actor: Actor): Promise<PurchaseContractRow> {
  const row = await repo.findContract(db, id);
  // Someone else's contract answers like a missing one: its existence is not disclosed.
  if (!row || !mayView(row, actor)) throw new AppError('PURCHASE_CONTRACT_NOT_FOUND');
  return row;
}

export async function getContractFor(db: DbHandle, id: string, actor: Actor): Promise<TPurchaseContract> {
  return presentOne(db, await visibleContract(db, id, actor));
}

/** An order's contracts (newest first, voided ones included) the caller may see. */
export async function listContractsForOrderFor(
  db: DbHandle,
  orderId: string,
  actor: Actor,
): Promise<TPurchaseContract[]> {
  const rows = (await repo.listContractsForOrder(db, orderId)).filter((row) => mayView(row, actor));
  return present(db, rows);
}

/** The stored PDF, exactly as issued. */
export async function contractPdfFor(
  db: DbHandle,
  id: string,
  actor: Actor,
): Promise<{ pdf: Buffer; number: string; sha256: string }> {
  const row = await visibleContract(db, id, actor);
  const document = await repo.findDocument(db, row.id);
  if (!document) throw new Error(`contract ${row.id} has no document`);
  return { pdf: document.pdf, number: row.number, sha256: document.sha256 };
}

/**
 * The sign route: a buyer signs for the buyer, staff holding contracts.sign for the dealer (their own
 * dealer's contracts only). The consent quoted is the contract's template clause the page showed.
 */
export async function signAs(
  db: DbHandle,
  id: string,
  body: TSignPurchaseContractRequest,
  mutation: Mutation,
  userAgent: string | null,
): Promise<TPurchaseContract> {
  const actor = mutation.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const row = await visibleContract(db, id, actor);
  const template = await repo.findTemplate(db, row.templateId);
  if (!template) throw new Error(`template ${row.templateId} of contract ${row.id} is missing`);
  return signPurchaseContract(
    db,
    {
      contractId: row.id,
      party: actor.kind === 'buyer' ? 'buyer' : 'dealer',
      signerUserId: actor.kind === 'buyer' ? actor.buyerId : actor.accountId,
      signerName: actor.kind === 'buyer' ? row.buyerName : actor.displayName,
      consentText: template.consentText,
      documentSha256: body.documentSha256,
      ip: mutation.ip,
      userAgent,
    },
    mutation,
  );
}
