// Writes docs/errors.md: every error code the API can answer with, its HTTP status, messages and when it is
// thrown. `npm run docs:errors` regenerates it; a test fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { renderErrorCodesMarkdown } from '../src/server/kernel/http/error-docs.js';
import '../src/server/app.js';

writeFileSync('docs/errors.md', renderErrorCodesMarkdown());
console.log('docs/errors.md written');
