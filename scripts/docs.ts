// Writes the generated references: docs/errors.md, docs/events.md and docs/state-machines.md, from the
// module definitions. `npm run docs` regenerates them; src/server/reference-docs.test.ts fails when a file
// is out of date.
import { writeFileSync } from 'node:fs';
import {
  renderErrorCodesMarkdown,
  renderEventsMarkdown,
  renderStateMachinesMarkdown,
} from '../src/server/kernel/module-docs.js';
import { platformModules } from '../src/server/modules/index.js';

writeFileSync('docs/errors.md', renderErrorCodesMarkdown(platformModules));
writeFileSync('docs/events.md', renderEventsMarkdown(platformModules));
writeFileSync('docs/state-machines.md', renderStateMachinesMarkdown(platformModules));
console.log('docs/errors.md, docs/events.md and docs/state-machines.md written');
