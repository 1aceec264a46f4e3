import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import type { TContractTemplate, TPublishContractTemplateRequest } from './contracts.contract.js';
import { ContractsEvents } from './contracts.events.js';
import { toContractTemplate } from './contracts.mappers.js';
import { mentionsPlaceholder, unknownPlaceholders } from './contracts.render.js';
import * as repo from './contracts.repository.js';

// Contract templates: compliance publishes versions; a version is never edited (a trigger refuses it), so a
// contract issued on version n reads the same clauses forever, while new contracts take the latest version.

export async function listTemplates(db: DbHandle): Promise<TContractTemplate[]> {
  const rows = await repo.listTemplates(db);
  const current = rows[0]?.version ?? 0;
  return rows.map((row) => toContractTemplate(row, current));
}

export async function getTemplate(db: DbHandle, id: string): Promise<TContractTemplate> {
  const row = await repo.findTemplate(db, id);
  if (!row) throw new AppError('CONTRACT_TEMPLATE_NOT_FOUND');
  const latest = await repo.latestTemplate(db);
  return toContractTemplate(row, latest?.version ?? row.version);
}

function invalid(reason: string): AppError {
  return new AppError('CONTRACT_TEMPLATE_INVALID', { reason });
}

/** Refuses unknown placeholders anywhere, and a template without the deposit clause's two placeholders. */
function checkTemplate(input: TPublishContractTemplateRequest): void {
  const texts = [
    input.title,
    input.consentText,
    input.depositBindingText,
    input.depositRefundableText,
    ...input.clauses.flatMap((c) => [c.heading, c.body]),
  ];
  const unknown = [...new Set(texts.flatMap(unknownPlaceholders))];
  if (unknown.length > 0) throw invalid(`unknown placeholders ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
  const bodies = input.clauses.map((c) => `${c.heading}\n${c.body}`).join('\n');
  for (const required of ['deposit.legalEffect', 'deposit.terms'] as const) {
    if (!mentionsPlaceholder(bodies, required)) throw invalid(`the clauses must include {{${required}}}`);
  }
}

/**
 * Publishes a new template version (latest + 1) for new contracts; contracts already issued keep theirs.
 * `baseVersion` must be the latest, so two editors cannot silently overwrite each other (409).
 */
export async function publishTemplate(
  db: DbHandle,
  input: TPublishContractTemplateRequest,
  mutation: Mutation,
): Promise<TContractTemplate> {
  const staff = staffOf(mutation);
  checkTemplate(input);
  return withTransaction(db, async (tx) => {
    await repo.lockKey(tx, 'contracts:templates');
    const latest = await repo.latestTemplate(tx);
    const latestVersion = latest?.version ?? 0;
    if (input.baseVersion !== latestVersion) {
      throw new AppError('CONTRACT_TEMPLATE_CONFLICT', { latestVersion });
    }
    const row = {
      id: newId('ctpl'),
      version: latestVersion + 1,
      title: input.title,
      clauses: input.clauses,
      consentText: input.consentText,
      depositBindingText: input.depositBindingText,
      depositRefundableText: input.depositRefundableText,
      note: input.note ?? null,
      publishedBy: staff.displayName,
      publishedAt: mutation.at,
    };
    await repo.insertTemplate(tx, row);
    await audit(tx, mutation, {
      action: 'contractTemplate.publish',
      entityType: 'contractTemplate',
      entityId: row.id,
      before: latest ? { version: latest.version } : null,
      after: { version: row.version, title: row.title, clauses: row.clauses.length },
    });
    await publish(
      tx,
      ContractsEvents.templatePublished,
      row.id,
      { templateId: row.id, version: row.version },
      mutation.at,
    );
    return toContractTemplate(row, row.version);
  });
}
