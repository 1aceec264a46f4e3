import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorDefsOf } from './kernel/http/errors.js';
import {
  renderErrorCodesMarkdown,
  renderEventsMarkdown,
  renderStateMachinesMarkdown,
} from './kernel/module-docs.js';
import { platformModules } from './modules/index.js';

// The references in docs/ are generated from the module definitions; `npm run docs` refreshes them.
describe('generated references', () => {
  it('keeps docs/errors.md identical to the error codes the modules define', () => {
    expect(readFileSync('docs/errors.md', 'utf8')).toBe(renderErrorCodesMarkdown(platformModules));
  });

  it('keeps docs/events.md identical to the events, payloads and subscribers the modules define', () => {
    expect(readFileSync('docs/events.md', 'utf8')).toBe(renderEventsMarkdown(platformModules));
  });

  it('keeps docs/state-machines.md identical to the state machines the modules define', () => {
    expect(readFileSync('docs/state-machines.md', 'utf8')).toBe(renderStateMachinesMarkdown(platformModules));
  });

  it('gives every error code a 4xx or 5xx status and both messages', () => {
    for (const m of platformModules) {
      for (const [code, def] of Object.entries(m.errors ? errorDefsOf(m.errors) : {})) {
        expect(def.status, code).toBeGreaterThanOrEqual(400);
        expect(def.zh.length, code).toBeGreaterThan(0);
        expect(def.en.length, code).toBeGreaterThan(0);
      }
    }
  });

  it('documents every published event with a payload schema that names its fields', () => {
    const doc = renderEventsMarkdown(platformModules);
    for (const m of platformModules) {
      for (const e of Object.values(m.events ?? {})) expect(doc).toContain(`| \`${e.name}\` | ${m.name} |`);
    }
  });
});
