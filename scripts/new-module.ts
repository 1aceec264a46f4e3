// `npm run new:module -- NAME [--entity SINGULAR]`: creates src/server/modules/NAME/ from the module kit's
// conventions (the dealers module is the worked example; docs/architecture.md "Adding a module") and adds it
// to src/server/modules/index.ts. Then: `npm run db:generate` for its table, `npm run docs`, and rename the
// sample entity to the business's words.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { moduleFiles, parseModuleName } from './new-module.templates.js';

function main(): void {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--'));
  const entityFlag = args.indexOf('--entity');
  const entity = entityFlag >= 0 ? args[entityFlag + 1] : undefined;
  const rootFlag = args.indexOf('--root');
  const root = path.resolve(rootFlag >= 0 ? (args[rootFlag + 1] ?? '.') : '.');
  const names = parseModuleName(name, entity);
  if (typeof names === 'string') {
    console.error(`new:module: ${names}`);
    process.exit(2);
  }
  const dir = path.join(root, 'src/server/modules', names.module);
  if (existsSync(dir)) {
    console.error(`new:module: ${path.relative(root, dir)} already exists`);
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(moduleFiles(names))) writeFileSync(path.join(dir, file), text);

  const list = path.join(root, 'src/server/modules/index.ts');
  if (existsSync(list)) {
    const lines = readFileSync(list, 'utf8').split('\n');
    const lastImport = lines.reduce((last, line, i) => (line.startsWith('import ') ? i : last), -1);
    lines.splice(lastImport + 1, 0, `import { ${names.camel}Module } from './${names.module}/index.js';`);
    const end = lines.findIndex((line, i) => i > lastImport && line === '];');
    if (end > 0) lines.splice(end, 0, `  ${names.camel}Module,`);
    const src = lines.join('\n');
    writeFileSync(list, src);
  }
  // Formats and sorts imports the way Biome wants them.
  spawnSync('npx', ['biome', 'check', '--write', dir, list], { cwd: root, stdio: 'ignore' });
  console.log(
    [
      `Created src/server/modules/${names.module}/ (${Object.keys(moduleFiles(names)).length} files) and listed it in src/server/modules/index.ts.`,
      'Next:',
      `  npm run db:generate        # the migration for the ${names.table} table`,
      '  npm run docs               # errors, events and state machines references',
      `  npx vitest run src/server/modules/${names.module}`,
      `Then rename the sample "${names.entity}" to the business's words (DOMAIN.md glossary).`,
    ].join('\n'),
  );
}

main();
