import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect } from 'chai';
import { CONFIG_VARIABLES } from '../../src/bootstrap/config';

/*
 * The README's configuration table is where operators look for what the
 * service reads from its environment, so it must name every variable read
 * anywhere in src/ — the server's and the command line's alike — and none
 * that nothing reads. The sources are scanned as text: a new
 * `process.env.X` (or `env.X` in a function given the environment, as
 * loadConfig is) fails this test until the table has its row.
 */

const ROOT = resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const NAME = '([A-Z][A-Z0-9_]*)';
/** `process.env.X`, `env.X`, `env?.X`, `env['X']`, and config.ts's `integerVariable(env, 'X', …)`. */
const READS = [
  new RegExp(`\\benv\\??\\.${NAME}\\b`, 'g'),
  new RegExp(`\\benv\\[\\s*['"\`]${NAME}['"\`]\\s*\\]`, 'g'),
  new RegExp(`\\(\\s*env\\s*,\\s*['"\`]${NAME}['"\`]`, 'g'),
];
/** Reads whose variable the scan cannot name: `process.env[someName]`, `const { X } = process.env`. */
const UNNAMED = [/process\.env\s*\[\s*[^'"`\s]/, /=\s*process\.env\s*(;|$)/m];

/** Variable → the files (relative to the root) that read it. */
export function variablesReadIn(files: readonly { path: string; text: string }[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { path, text } of files) {
    for (const pattern of READS) {
      for (const match of text.matchAll(pattern)) {
        const name = match[1]!;
        found.set(name, [...new Set([...(found.get(name) ?? []), path])]);
      }
    }
  }
  return found;
}

/** The first column of the table under `## Configuration`. */
export function configurationTable(readme: string): string[] {
  const section = /^## Configuration\n([\s\S]*?)^## /m.exec(readme);
  if (section === null) throw new Error('README.md has no "## Configuration" section');
  return [...section[1]!.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!);
}

describe('the README configuration table', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
  const read = variablesReadIn(files);
  const table = configurationTable(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('the scan finds the reads it must: loadConfig\'s (env.X and integerVariable) and the command line\'s process.env', () => {
    // Without this, a scan that found nothing would let the table say anything.
    expect(read.get('PORT'), 'integerVariable(env, "PORT", …)').to.deep.equal(['src/bootstrap/config.ts']);
    expect(read.get('DATABASE_URL'), 'env.DATABASE_URL').to.deep.equal(['src/bootstrap/config.ts']);
    expect(read.get('IDP_INITIAL_ACCESS_TOKEN'), 'process.env.IDP_INITIAL_ACCESS_TOKEN').to.deep.equal(['src/bootstrap/cli-commands.ts']);
    expect([...variablesReadIn([{ path: 'x.ts', text: "const a = process.env['A_B'] ?? env?.C_D;" }]).keys()]).to.have.members(['A_B', 'C_D']);
  });

  it('has one row for every variable read in src/, and none for a variable nothing reads', () => {
    const missing = [...read.keys()].filter((name) => !table.includes(name)).map((name) => `${name} (read in ${read.get(name)!.join(', ')})`);
    expect(missing, 'variables read in src/ without a row in README.md → Configuration').to.deep.equal([]);
    expect(table.filter((name) => !read.has(name)), 'rows for variables nothing in src/ reads').to.deep.equal([]);
    expect(new Set(table).size, 'one row each').to.equal(table.length);
  });

  it('covers every variable the server\'s --help lists (CONFIG_VARIABLES)', () => {
    expect(table).to.include.members(Object.keys(CONFIG_VARIABLES));
  });

  it('src/ reads the environment only in ways the scan can name', () => {
    const unnamed = files.filter(({ text }) => UNNAMED.some((pattern) => pattern.test(text))).map(({ path }) => path);
    expect(unnamed, 'name the variable literally (process.env.X), so this test and the README can follow it').to.deep.equal([]);
  });
});
