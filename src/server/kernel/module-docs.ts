import { z } from 'zod';
import { errorDefsOf } from './http/errors.js';
import type { ModuleDef } from './module.js';
import { renderMermaid } from './state-machine.js';

// The generated references in docs/ (errors.md, events.md, state-machines.md), rendered from the module
// list so they cannot drift: `npm run docs` writes them and a test fails when a file is out of date.

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** docs/errors.md: every error code, its module, status, when it is thrown and both messages. */
export function renderErrorCodesMarkdown(modules: readonly ModuleDef[]): string {
  const rows = modules
    .flatMap((m) =>
      Object.entries(m.errors ? errorDefsOf(m.errors) : {}).map(([code, d]) => ({ m, code, d })),
    )
    .sort((a, b) => a.code.localeCompare(b.code));
  return [
    '# Error codes',
    '',
    'Every failure is answered as `{ "error": { "code", "message", "details"? } }` with the message in the',
    "request's language (Accept-Language; zh-CN by default). Generated from the module definitions by",
    '`npm run docs`.',
    '',
    '| code | module | status | when | zh-CN | en |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      ({ m, code, d }) =>
        `| \`${code}\` | ${m.name} | ${d.status} | ${esc(d.when)} | ${esc(d.zh)} | ${esc(d.en)} |`,
    ),
    '',
  ].join('\n');
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: JsonSchema | boolean;
};

/** A JSON schema as a short TypeScript-like type (`{ listingId: string; price?: integer | null }`). */
function typeText(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeText).join(' \\| ');
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeText(s.items) : 'unknown'}[]`;
  if (s.type === 'object' || s.properties) {
    const req = new Set(s.required ?? []);
    const fields = Object.entries(s.properties ?? {}).map(
      ([k, v]) => `${k}${req.has(k) ? '' : '?'}: ${typeText(v)}`,
    );
    if (fields.length === 0 && typeof s.additionalProperties === 'object') {
      return `Record<string, ${typeText(s.additionalProperties)}>`;
    }
    return `{ ${fields.join('; ')} }`;
  }
  return s.type ?? 'unknown';
}

/** docs/events.md: every event, its payload, the module that publishes it and who subscribes. */
export function renderEventsMarkdown(modules: readonly ModuleDef[]): string {
  const subscribers = new Map<string, string[]>();
  for (const m of modules) {
    for (const s of m.subscriptions ?? []) {
      const list = subscribers.get(s.event.name) ?? [];
      list.push(`\`${s.name}\``);
      subscribers.set(s.event.name, list);
    }
  }
  const rows = modules
    .flatMap((m) => Object.values(m.events ?? {}).map((e) => ({ m, e })))
    .sort((a, b) => a.e.name.localeCompare(b.e.name));
  return [
    '# Events',
    '',
    'Modules announce what happened through the transactional outbox: an event is written in the same',
    'transaction as the change and delivered after it commits, once per subscriber, each delivery a job that',
    'retries on its own (at least once: handlers are idempotent). Payloads are checked against their schema',
    'on publish outside production. Generated from the module definitions by `npm run docs`.',
    '',
    '| event | publisher | aggregate | payload | when | subscribers |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(({ m, e }) => {
      const payload = typeText(z.toJSONSchema(e.payload, { unrepresentable: 'any' }) as JsonSchema);
      const subs = subscribers.get(e.name)?.join(', ') ?? '–';
      return `| \`${e.name}\` | ${m.name} | ${e.aggregateType} | \`${payload}\` | ${esc(e.description)} | ${subs} |`;
    }),
    '',
  ].join('\n');
}

/** docs/state-machines.md: every state machine as a Mermaid diagram and its transition table. */
export function renderStateMachinesMarkdown(modules: readonly ModuleDef[]): string {
  const out = [
    '# State machines',
    '',
    'Each machine is one table of allowed transitions in its module, run by `applyTransition`: lock the row,',
    'check the table (an action the table does not allow from the current state is a 409',
    '`INVALID_TRANSITION` naming the machine, the state and the action), update, audit row and event in one',
    'transaction. Generated from the module definitions by `npm run docs`.',
    '',
  ];
  for (const m of modules) {
    for (const machine of m.stateMachines ?? []) {
      out.push(`## ${machine.name} (${m.name})`, '', '```mermaid', renderMermaid(machine), '```', '');
      out.push('| action | from | to |', '| --- | --- | --- |');
      for (const a of machine.actions) {
        const t = machine.transitions[a];
        if (t) out.push(`| \`${a}\` | ${t.from.map((s) => `\`${s}\``).join(', ')} | \`${t.to}\` |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
