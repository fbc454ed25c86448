import { parseArgs } from 'node:util';
import { helpTable, HELP_COLUMNS, wrap } from './help-table';

/** One option of a command: with `value`, it takes one (`--url <brand-url>`); without, it is a switch. */
export interface OptionSpec {
  readonly value?: string;
  readonly required?: boolean;
  readonly description: string;
}

export interface CommandSpec {
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

export type Flags = Readonly<Record<string, string | boolean | undefined>>;

/** What the command line asks for: help (on everything or one command), or running one command. */
export type Invocation =
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'run'; readonly command: string; readonly flags: Flags; readonly json: boolean };

/** A mistake in the command line itself: named, with where to look, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to point to; none → the general help. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Edit distance, for "did you mean" on a mistyped command. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

function unknownCommand(name: string, known: readonly string[]): UsageError {
  const close = known.filter((k) => distance(name, k) <= 2);
  return new UsageError(`unknown command "${name}"${close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : ''}`);
}

/** node:util's parse errors, said in one short line naming the option. */
function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(error.message) ? `${option} needs a value` : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${option}"`;
    default:
      return error.message;
  }
}

/**
 * `<command> [--option value | --option=value]… [--json] [--help]`, strict:
 * an unknown command, an unknown option, a missing value or a stray
 * argument is a UsageError naming it. `help`, `--help` and `-h` ask for help.
 */
export function parseCommandLine(argv: readonly string[], commands: Readonly<Record<string, CommandSpec>>): Invocation {
  const [first, ...rest] = argv;
  const known = Object.keys(commands);
  if (first === undefined) throw new UsageError('a command is required');
  if (first === '--help' || first === '-h') return { kind: 'help' };
  if (first === 'help') {
    if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}"`);
    if (rest[0] !== undefined && commands[rest[0]] === undefined) throw unknownCommand(rest[0], known);
    return rest[0] === undefined ? { kind: 'help' } : { kind: 'help', command: rest[0] };
  }
  if (first.startsWith('-')) throw new UsageError(`a command comes first, before options such as ${first}`);
  const spec = commands[first];
  if (spec === undefined) throw unknownCommand(first, known);

  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.value === undefined ? 'boolean' : 'string' } as const])),
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`${first}: ${describeParseError(error as Error & { code?: string })}`, first);
  }
  if (values.help === true) return { kind: 'help', command: first };
  for (const [name, option] of Object.entries(spec.options)) {
    const value = values[name];
    if (option.required && (typeof value !== 'string' || value.trim() === '')) {
      throw new UsageError(`${first}: --${name} <${option.value}> is required`, first);
    }
  }
  const { json, help: _help, ...flags } = values;
  return { kind: 'run', command: first, flags, json: json === true };
}

/** The value of an option the parser already checked to be a string (required) or absent. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredFlag(flags: Flags, name: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

const INVOCATION = 'npm run cli --';

function optionUsage(name: string, option: OptionSpec): string {
  const text = option.value === undefined ? `--${name}` : `--${name} <${option.value}>`;
  return option.required ? text : `[${text}]`;
}

export function commandUsage(name: string, spec: CommandSpec): string {
  return [name, ...Object.entries(spec.options).map(([n, o]) => optionUsage(n, o))].join(' ');
}

/** The general help: every command with its one-line summary. */
export function generalHelp(commands: Readonly<Record<string, CommandSpec>>): string {
  return [
    `Usage: ${INVOCATION} <command> [options] [--json]`,
    '       (the same as the package bin: integration-hub <command> …)',
    '',
    'It uses the server\'s configuration and database: run it with the same',
    'DATA_DIR (embedded database), or the same DATABASE_URL and SECRET_KEY.',
    'With --json it prints one JSON object; errors go to stderr, exit code not 0.',
    '',
    'Commands:',
    ...helpTable(Object.entries(commands).map(([name, spec]) => [name, spec.summary])),
    '',
    `Options of one command: ${INVOCATION} help <command>  (or: <command> --help)`,
    '',
  ].join('\n');
}

/** The help of one command: usage, what it does, each option. */
export function commandHelp(name: string, spec: CommandSpec & { readonly answer: string }): string {
  const rows: [string, string][] = [
    ...Object.entries(spec.options).map(([n, o]): [string, string] => [
      o.value === undefined ? `--${n}` : `--${n} <${o.value}>`,
      `${o.required ? 'required. ' : ''}${o.description}`,
    ]),
    ['--json', `print one JSON object: ${spec.answer}`],
    ['-h, --help', 'this help'],
  ];
  return [
    ...wrap(`Usage: ${INVOCATION} ${commandUsage(name, spec)} [--json]`, HELP_COLUMNS).map((line, i) => (i === 0 ? line : `         ${line}`)),
    '',
    ...wrap(`${spec.summary}.`, HELP_COLUMNS),
    '',
    'Options:',
    ...helpTable(rows),
    '',
  ].join('\n');
}
