import type { DbHandle } from './db/client.js';
import { AppError, type ErrorCode } from './http/errors.js';
import { audit, type Mutation } from './mutation.js';

/** One action of a machine: the states it may start from and the state it leads to. */
export interface Transition<S extends string> {
  readonly from: readonly S[];
  readonly to: S;
}

/**
 * A state machine over rows of one table, declared once in its module: the allowed transitions and
 * how to lock, read, write and announce a row. `applyTransition` runs it; `renderMermaid` draws it.
 */
export interface StateMachineDef<S extends string, A extends string, R> {
  /** Shown in docs and in the 409's details (`dealer`, `listing`, `job`). */
  readonly name: string;
  /** The audit row's entity type. */
  readonly entityType: string;
  readonly states: readonly S[];
  /** Where a new row starts (drawn as the entry arrow). */
  readonly initial: readonly S[];
  readonly transitions: { readonly [K in A]: Transition<S> };
  /** Thrown when the row does not exist (or is outside the caller's scope). */
  readonly notFound: ErrorCode;
  /** Locks the row (`for update`) and returns it, or null. */
  lock(tx: DbHandle, id: string): Promise<R | null>;
  stateOf(row: R): S;
  /**
   * Writes the new state (and whatever else the action changes) to the locked row. Returns the row as
   * it is now when the write changes more than the state (a timestamp, a counter), so the audit's
   * `after`, the event and the result show what was stored; returns nothing to reuse the locked row.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: an update that writes only the state may return nothing.
  update(tx: DbHandle, row: R, to: S, action: A, mutation: Mutation): Promise<R | undefined | void>;
  /** The audit action name; `<entityType>.<action>` by default. */
  auditAction?(action: A): string;
  /** What the audit row shows of the row in a state; `{ state }` by default. */
  snapshot?(row: R, state: S): unknown;
  /** Publishes the transition's event (with `publish`, on the same transaction); `row` is as updated. */
  emit?(tx: DbHandle, row: R, to: S, action: A, mutation: Mutation): Promise<void>;
}

export interface StateMachine<S extends string, A extends string, R> extends StateMachineDef<S, A, R> {
  readonly actions: readonly A[];
  /** Whether `action` may start from `state`. */
  can(state: S, action: A): boolean;
  /** The actions allowed from `state` (what a UI offers). */
  actionsFrom(state: S): A[];
}

/** Declares a machine; refuses at start-up a transition that names an unknown state. */
export function defineStateMachine<S extends string, A extends string, R>(
  def: StateMachineDef<S, A, R>,
): StateMachine<S, A, R> {
  const actions = Object.keys(def.transitions) as A[];
  const known = new Set<string>(def.states);
  for (const a of actions) {
    const t = def.transitions[a];
    for (const s of [...t.from, t.to]) {
      if (!known.has(s)) throw new Error(`State machine ${def.name}: action ${a} names unknown state ${s}`);
    }
  }
  return {
    ...def,
    actions,
    can: (state, action) => (def.transitions[action].from as readonly string[]).includes(state),
    actionsFrom: (state) =>
      actions.filter((a) => (def.transitions[a].from as readonly string[]).includes(state)),
  };
}

/** The outcome of a transition: the row as it was (locked), as it is now, and the two states. */
export interface TransitionResult<S extends string, R> {
  readonly before: R;
  /** The row `update` returned, or the locked row when it returned nothing. */
  readonly after: R;
  readonly from: S;
  readonly to: S;
}

/**
 * Runs one transition inside `tx`: lock the row, check the table (409 `INVALID_TRANSITION` with the
 * machine, state and action when it is not allowed), update, audit and event, all on the same
 * transaction, so either all of it commits or none. Concurrent callers queue on the row lock and the
 * second sees the first's state. `check` runs after the lock for rules beyond the table (scope, data).
 */
export async function applyTransition<S extends string, A extends string, R>(
  tx: DbHandle,
  machine: StateMachine<S, A, R>,
  id: string,
  action: A,
  mutation: Mutation,
  check?: (row: R) => void | Promise<void>,
): Promise<TransitionResult<S, R>> {
  const row = await machine.lock(tx, id);
  if (!row) throw new AppError(machine.notFound);
  if (check) await check(row);
  const from = machine.stateOf(row);
  if (!machine.can(from, action)) {
    throw new AppError('INVALID_TRANSITION', { machine: machine.name, from, action });
  }
  const to = machine.transitions[action].to;
  const after = (await machine.update(tx, row, to, action, mutation)) ?? row;
  await audit(tx, mutation, {
    action: machine.auditAction ? machine.auditAction(action) : `${machine.entityType}.${action}`,
    entityType: machine.entityType,
    entityId: id,
    before: machine.snapshot ? machine.snapshot(row, from) : { state: from },
    after: machine.snapshot ? machine.snapshot(after, to) : { state: to },
  });
  if (machine.emit) await machine.emit(tx, after, to, action, mutation);
  return { before: row, after, from, to };
}

/** The machine as a Mermaid state diagram (docs/state-machines.md is generated from these). */
export function renderMermaid(machine: StateMachine<string, string, unknown>): string {
  const lines = ['stateDiagram-v2'];
  for (const s of machine.initial) lines.push(`  [*] --> ${s}`);
  for (const a of machine.actions) {
    const t = machine.transitions[a];
    if (!t) continue;
    for (const from of t.from) lines.push(`  ${from} --> ${t.to}: ${a}`);
  }
  return lines.join('\n');
}
