/**
 * Every package's public surface in one place: each entry of each package's `exports`, with the
 * names it exports and whether each is a value or only a type. A name added, removed or changed
 * from type to value fails here until the snapshot is updated on purpose
 * (`pnpm vitest run --project system tests/api -u`), so the API never changes by accident.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'react', 'server-adapters', 'simulator'];

/** `@pi-kit/x/sub` → its source file, from the package's `exports` (the `@pi-kit/source` condition). */
function entries(): Array<{ specifier: string; file: string }> {
  const list: Array<{ specifier: string; file: string }> = [];
  for (const name of PACKAGES) {
    const dir = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, Record<string, unknown>>;
    };
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      const source = conditions['@pi-kit/source'];
      if (typeof source === 'string') list.push({ specifier: join(manifest.name, subpath).replace(/\/\.$/, ''), file: join(dir, source) });
    }
  }
  return list;
}

function surface(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`no module at ${file}`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return `${target.flags & ts.SymbolFlags.Value ? 'value' : 'type '} ${symbol.name}`;
    })
    .sort((a, b) => a.slice(6).localeCompare(b.slice(6)));
}

describe('public API', () => {
  const list = entries();
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const program = ts.createProgram(
    list.map((entry) => entry.file),
    { ...config!.options, noEmit: true },
  );

  it('lists every entry of every package', () => {
    expect(list.map((entry) => entry.specifier)).toMatchSnapshot();
  });

  it.each(list.map((entry) => [entry.specifier, entry.file] as const))('%s', (_specifier, file) => {
    expect(surface(program, file)).toMatchSnapshot();
  });
});
