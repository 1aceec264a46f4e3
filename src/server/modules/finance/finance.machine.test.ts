import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { systemMutation } from '../../kernel/mutation.js';
import { applyTransition, renderMermaid } from '../../kernel/state-machine.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { LOAN_APPLICATION_STATES, type TLoanApplicationState } from './finance.applications.contract.js';
import * as repo from './finance.applications.repository.js';
import { loanApplicationMachine as machine } from './finance.machine.js';

let database: Database;
const at = new Date('2026-11-21T02:00:00Z');

async function applicationIn(state: TLoanApplicationState): Promise<string> {
  const id = newId('loan');
  await repo.insertApplication(database.db, {
    id,
    buyerId: 'cus_machine',
    lenderCode: 'cmb',
    vehicleKind: 'new',
    newEnergy: false,
    terms: {
      priceFen: 20_000_000,
      downPaymentFen: 4_000_000,
      principalFen: 16_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
      flatRateBp: null,
      feesFen: 0,
      monthlyPaymentFen: 472_384,
      maxPaymentFen: 472_384,
      totalInterestFen: 1_005_824,
      aprBp: 400,
    },
    principalFen: 16_000_000,
    applicantName: '刘洋',
    idNumberEnc: 'v1:x:y:z',
    idNumberHash: 'h',
    idNumberMasked: '440305********1236',
    monthlyIncomeFen: 1_500_000,
    employmentType: 'salaried',
    cityCode: '440300',
    consentText: '…',
    consentVersion: 'credit-check-2026-01',
    consentAt: at,
    state,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const illegal = LOAN_APPLICATION_STATES.flatMap((state) =>
  machine.actions.filter((action) => !machine.can(state, action)).map((action) => [state, action] as const),
);

describe('the loan application machine', () => {
  it('allows exactly the table of the issue, plus withdrawal before the contract', () => {
    expect(Object.fromEntries(LOAN_APPLICATION_STATES.map((s) => [s, machine.actionsFrom(s)]))).toEqual({
      submitted: ['start_review', 'withdraw'],
      under_review: ['approve', 'reject', 'withdraw'],
      approved: ['sign_contract', 'withdraw'],
      rejected: [],
      contract_signed: ['disburse'],
      disbursed: [],
      withdrawn: [],
    });
  });

  it.each(illegal)(
    'refuses %s -> %s with 409 INVALID_TRANSITION and leaves the row alone',
    async (state, action) => {
      const id = await applicationIn(state);
      const error = await withTransaction(database.db, (tx) =>
        applyTransition(tx, machine, id, action, systemMutation(at)),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { machine: 'loan_application', from: state, action },
      });
      expect((await repo.findApplication(database.db, id))?.state).toBe(state);
    },
  );

  it('stamps the decision time on approval and bumps the version', async () => {
    const id = await applicationIn('under_review');
    const later = new Date(at.getTime() + 60_000);
    const result = await withTransaction(database.db, (tx) =>
      applyTransition(tx, machine, id, 'approve', systemMutation(later)),
    );
    expect(result.after).toMatchObject({ state: 'approved', decidedAt: later, updatedAt: later, version: 2 });
  });

  it('answers LOAN_APPLICATION_NOT_FOUND for an unknown id', async () => {
    const error = await withTransaction(database.db, (tx) =>
      applyTransition(tx, machine, 'loan_nope', 'approve', systemMutation(at)),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LOAN_APPLICATION_NOT_FOUND' });
  });

  it('draws itself for the docs', () => {
    expect(renderMermaid(machine)).toContain('approved --> contract_signed: sign_contract');
  });
});
