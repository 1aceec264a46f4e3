import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleFiles, parseModuleName } from './new-module.templates.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'autoyard-scaffold-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run new:module', () => {
  it('derives the names of a module and its sample entity', () => {
    expect(parseModuleName('test_drives')).toMatchObject({
      module: 'test_drives',
      camel: 'testDrives',
      Module: 'TestDrives',
      entity: 'testDrive',
      Entity: 'TestDrive',
      ENTITY: 'TEST_DRIVE',
    });
    expect(parseModuleName('Leads')).toMatch(/lower-case/);
    expect(parseModuleName(undefined)).toMatch(/usage/);
  });

  it('writes every file of the conventions with the names filled in', () => {
    const names = parseModuleName('leads');
    if (typeof names === 'string') throw new Error(names);
    const files = moduleFiles(names);
    expect(Object.keys(files).sort()).toEqual(
      [
        'index.ts',
        'leads.contract.ts',
        'leads.enums.ts',
        'leads.errors.ts',
        'leads.events.ts',
        'leads.machine.ts',
        'leads.mappers.ts',
        'leads.permissions.ts',
        'leads.repository.ts',
        'leads.routes.test.ts',
        'leads.routes.ts',
        'leads.schema.ts',
        'leads.service.ts',
      ].sort(),
    );
    const all = Object.values(files).join('\n');
    expect(all).not.toMatch(/\$\{(m|M|e|E|U|T|P|n\.)/);
    expect(files['index.ts']).toContain('export const leadsModule = defineModule({');
    expect(files['leads.errors.ts']).toContain('LEAD_NOT_FOUND');
    expect(files['leads.machine.ts']).toContain('defineStateMachine');
  });

  it('creates the folder, lists the module in modules/index.ts and refuses an existing name', () => {
    const modules = path.join(tmp, 'src/server/modules');
    mkdirSync(modules, { recursive: true });
    writeFileSync(
      path.join(modules, 'index.ts'),
      [
        "import { kernelModule } from '../kernel/kernel.module.js';",
        "import { dealersModule } from './dealers/index.js';",
        '',
        'export const businessModules: readonly ModuleDef[] = [',
        '  dealersModule,',
        '];',
        '',
      ].join('\n'),
    );
    const run = () =>
      spawnSync('npx', ['tsx', 'scripts/new-module.ts', 'leads', '--root', tmp], { encoding: 'utf8' });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(readdirSync(path.join(modules, 'leads'))).toContain('leads.service.ts');
    const index = readFileSync(path.join(modules, 'index.ts'), 'utf8');
    expect(index).toContain("import { leadsModule } from './leads/index.js';");
    expect(index).toMatch(/dealersModule,\n\s+leadsModule,\n\];/);
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already exists');
  });
});
