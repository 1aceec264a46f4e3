import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Prefixed, time-sortable id such as `ord_01JD...`: the prefix says what it is in logs and URLs. */
export function newId(prefix: string): string {
  return `${prefix}_${nextUlid().toLowerCase()}`;
}
