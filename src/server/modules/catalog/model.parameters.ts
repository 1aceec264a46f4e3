import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type {
  TCreateParameterRequest,
  TParameterDefinition,
  TUpdateParameterRequest,
} from './model.contract.js';
import { toDefinition } from './model.mappers.js';
import * as repo from './model.repository.js';
import { uniqueOr } from './model.shared.js';

// The parameter dictionary (console): data operators extend.

export async function createParameter(
  db: DbHandle,
  input: TCreateParameterRequest,
  m: Mutation,
): Promise<TParameterDefinition> {
  return withTransaction(db, async (tx) => {
    const row = await uniqueOr(
      () => repo.insertDefinition(tx, { ...input, createdAt: m.at, updatedAt: m.at }),
      'PARAMETER_KEY_TAKEN',
      { key: input.key },
    );
    await audit(tx, m, {
      action: 'catalog.parameter.create',
      entityType: 'parameter',
      entityId: row.key,
      before: null,
      after: row,
    });
    return toDefinition(row);
  });
}

export async function updateParameter(
  db: DbHandle,
  key: string,
  input: TUpdateParameterRequest,
  m: Mutation,
): Promise<TParameterDefinition> {
  return withTransaction(db, async (tx) => {
    const before = await repo.findDefinition(tx, key);
    if (!before) throw new AppError('PARAMETER_NOT_FOUND', { key });
    if (input.valueType && input.valueType !== before.valueType && (await repo.countValuesOf(tx, key)) > 0) {
      throw new AppError('PARAMETER_TYPE_LOCKED', { key });
    }
    const after = await repo.updateDefinition(tx, key, { ...input, updatedAt: m.at });
    await audit(tx, m, {
      action: 'catalog.parameter.update',
      entityType: 'parameter',
      entityId: key,
      before,
      after,
    });
    return toDefinition(after);
  });
}
