import { formatShanghai } from '../../kernel/clock.js';
import type { Db, DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import type { TLeadTask, TLeadTaskRequest, TLeadTaskUpdate } from './leads.contract.js';
import { leadLinkFor } from './leads.intake.js';
import { toTask } from './leads.mappers.js';
import * as repo from './leads.repository.js';
import { leadInScope } from './leads.service.js';

// Follow-up tasks on a lead: due dates, done/undone, and a reminder to the assignee when one falls due.

async function lockScopedLead(tx: DbHandle, leadId: string, mutation: Mutation) {
  const actor = staffOf(mutation);
  const lead = await repo.lockLead(tx, leadId);
  if (!lead || !leadInScope(actor, lead)) throw new AppError('LEAD_NOT_FOUND');
  return { actor, lead };
}

export async function listTasks(db: DbHandle, leadId: string, mutation: Mutation): Promise<TLeadTask[]> {
  const actor = staffOf(mutation);
  const lead = await repo.findLead(db, leadId);
  if (!lead || !leadInScope(actor, lead)) throw new AppError('LEAD_NOT_FOUND');
  return (await repo.tasksOf(db, leadId)).map(toTask);
}

export function createTask(
  db: DbHandle,
  leadId: string,
  input: TLeadTaskRequest,
  mutation: Mutation,
): Promise<TLeadTask> {
  return withTransaction(db, async (tx) => {
    const { actor, lead } = await lockScopedLead(tx, leadId, mutation);
    const task = await repo.insertTask(tx, {
      id: newId('ltk'),
      leadId,
      title: input.title,
      dueAt: new Date(input.dueAt),
      assigneeAccountId: input.assigneeAccountId ?? lead.ownerAccountId ?? actor.accountId,
      doneAt: null,
      remindedAt: null,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    await repo.addActivity(tx, {
      leadId,
      kind: 'task',
      sourceKind: null,
      refId: task.id,
      body: task.title,
      data: { event: 'created', dueAt: task.dueAt.toISOString() },
      actorAccountId: actor.accountId,
      at: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'lead_task.create',
      entityType: 'lead_task',
      entityId: task.id,
      after: task,
    });
    return toTask(task);
  });
}

export function updateTask(
  db: DbHandle,
  leadId: string,
  taskId: string,
  input: TLeadTaskUpdate,
  mutation: Mutation,
): Promise<TLeadTask> {
  return withTransaction(db, async (tx) => {
    const { actor } = await lockScopedLead(tx, leadId, mutation);
    const before = await repo.lockTask(tx, leadId, taskId);
    if (!before) throw new AppError('LEAD_TASK_NOT_FOUND');
    const dueChanged =
      input.dueAt !== undefined && new Date(input.dueAt).getTime() !== before.dueAt.getTime();
    const after = await repo.updateTask(tx, taskId, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      // A new due date earns a new reminder.
      ...(dueChanged && input.dueAt ? { dueAt: new Date(input.dueAt), remindedAt: null } : {}),
      ...(input.done !== undefined ? { doneAt: input.done ? (before.doneAt ?? mutation.at) : null } : {}),
      updatedAt: mutation.at,
    });
    if (input.done !== undefined && input.done !== (before.doneAt !== null)) {
      await repo.addActivity(tx, {
        leadId,
        kind: 'task',
        sourceKind: null,
        refId: taskId,
        body: after.title,
        data: { event: input.done ? 'done' : 'reopened' },
        actorAccountId: actor.accountId,
        at: mutation.at,
      });
    }
    await audit(tx, mutation, {
      action: 'lead_task.update',
      entityType: 'lead_task',
      entityId: taskId,
      before,
      after,
    });
    return toTask(after);
  });
}

export function deleteTask(db: DbHandle, leadId: string, taskId: string, mutation: Mutation): Promise<void> {
  return withTransaction(db, async (tx) => {
    await lockScopedLead(tx, leadId, mutation);
    const before = await repo.lockTask(tx, leadId, taskId);
    if (!before) throw new AppError('LEAD_TASK_NOT_FOUND');
    await repo.deleteTask(tx, taskId);
    await audit(tx, mutation, {
      action: 'lead_task.delete',
      entityType: 'lead_task',
      entityId: taskId,
      before,
    });
  });
}

/** Job: reminds the assignee of each open task that fell due (once per due date: remindedAt + dedupKey). */
export async function remindDueTasks(db: Db, now: Date): Promise<number> {
  const due = await repo.tasksDue(db, now);
  let sent = 0;
  for (const task of due) {
    await withTransaction(db, async (tx) => {
      const locked = await repo.lockTask(tx, task.leadId, task.id);
      if (!locked || locked.doneAt || locked.remindedAt) return;
      const lead = await repo.findLead(tx, task.leadId);
      const recipient = locked.assigneeAccountId ?? lead?.ownerAccountId;
      await repo.updateTask(tx, task.id, { remindedAt: now });
      if (!recipient) return;
      await notify(tx, {
        recipient: { kind: 'staff', id: recipient },
        templateKey: 'leads.task_due',
        params: { name: lead?.name ?? '客户', task: locked.title, due: formatShanghai(locked.dueAt) },
        channels: ['in_app'],
        link: await leadLinkFor(tx, recipient ?? null, { id: task.leadId, dealerId: lead?.dealerId ?? null }),
        at: now,
        dedupKey: `lead_task_due:${task.id}:${locked.dueAt.getTime()}`,
      });
      sent++;
    });
  }
  return sent;
}
