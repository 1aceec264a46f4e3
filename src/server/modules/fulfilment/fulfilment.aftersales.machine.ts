import { defineStateMachine } from '../../kernel/state-machine.js';
import {
  PLATE_SERVICE_STATUSES,
  REINSPECTION_STATUSES,
  TITLE_TRANSFER_STATUSES,
} from './fulfilment.aftersales.enums.js';
import * as repo from './fulfilment.aftersales.repository.js';
import type { PlateServiceRow, ReinspectionRow, TitleTransferRow } from './fulfilment.aftersales.schema.js';

/** A title transfer is open while its checklist fills up, and completed once (the order may then complete). */
export const titleTransferMachine = defineStateMachine({
  name: 'title_transfer',
  entityType: 'title_transfer',
  states: TITLE_TRANSFER_STATUSES,
  initial: ['open'],
  transitions: {
    complete: { from: ['open'], to: 'completed' },
  },
  notFound: 'TITLE_TRANSFER_NOT_FOUND',
  lock: repo.lockTransfer,
  stateOf: (row: TitleTransferRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updateTransfer(tx, row.id, { status: to, completedAt: mutation.at, updatedAt: mutation.at }),
  snapshot: (row, status) => ({ status, completedOn: row.completedOn }),
});

/** The buyer accepts or disputes the differences found at handover; staff resolve a dispute once. */
export const reinspectionMachine = defineStateMachine({
  name: 'vehicle_reinspection',
  entityType: 'vehicle_reinspection',
  states: REINSPECTION_STATUSES,
  initial: ['no_differences', 'awaiting_buyer'],
  transitions: {
    accept: { from: ['awaiting_buyer'], to: 'accepted' },
    dispute: { from: ['awaiting_buyer'], to: 'disputed' },
    resolve_full_refund: { from: ['disputed'], to: 'resolved_full_refund' },
    resolve_partial_refund: { from: ['disputed'], to: 'resolved_partial_refund' },
    resolve_no_refund: { from: ['disputed'], to: 'resolved_no_refund' },
  },
  notFound: 'REINSPECTION_NOT_FOUND',
  lock: repo.lockReinspection,
  stateOf: (row: ReinspectionRow) => row.status,
  update: (tx, row, to, action, mutation) =>
    repo.updateReinspection(tx, row.id, {
      status: to,
      updatedAt: mutation.at,
      ...(action === 'accept' || action === 'dispute'
        ? { buyerDecidedAt: mutation.at }
        : { resolvedAt: mutation.at }),
    }),
  snapshot: (row, status) => ({ status, outcome: row.outcome, refundFen: row.refundFen }),
});

/** The plate service's steps: paid (or waiting for the buyer's quota), documents, inspection, plate. */
export const plateServiceMachine = defineStateMachine({
  name: 'plate_service',
  entityType: 'plate_service',
  states: PLATE_SERVICE_STATUSES,
  initial: ['awaiting_payment', 'awaiting_quota', 'documents'],
  transitions: {
    pay_to_quota: { from: ['awaiting_payment'], to: 'awaiting_quota' },
    pay: { from: ['awaiting_payment'], to: 'documents' },
    record_quota: { from: ['awaiting_quota'], to: 'documents' },
    documents_done: { from: ['documents'], to: 'inspection' },
    inspection_done: { from: ['inspection'], to: 'plate_selection' },
    issue_plate: { from: ['plate_selection'], to: 'plate_issued' },
    // The car's order was cancelled before the plate was issued (flows refund a paid fee).
    cancel: {
      from: ['awaiting_payment', 'awaiting_quota', 'documents', 'inspection', 'plate_selection'],
      to: 'cancelled',
    },
  },
  notFound: 'PLATE_SERVICE_NOT_FOUND',
  lock: repo.lockPlateService,
  stateOf: (row: PlateServiceRow) => row.status,
  update: (tx, row, to, _action, mutation) =>
    repo.updatePlateService(tx, row.id, { status: to, updatedAt: mutation.at }),
  snapshot: (row, status) => ({
    status,
    plateNumber: row.plateNumber,
    quotaCertificateNo: row.quotaCertificateNo,
  }),
});
