import { expect } from 'chai';
import { CommandSpec, commandHelp, generalHelp, parseCommandLine, UsageError } from '../../src/bootstrap/cli-args';
import { helpTable, wrap } from '../../src/bootstrap/help-table';

const COMMANDS: Record<string, CommandSpec & { answer: string }> = {
  'brands:create': {
    summary: 'Create a brand',
    options: { url: { value: 'brand-url', required: true, description: 'the URL' }, name: { value: 'name', description: 'the name' } },
    answer: '{"id"}',
  },
  migrate: { summary: 'Apply migrations', options: {}, answer: '{"applied"}' },
};

function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv, COMMANDS);
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('command line parsing (node:util parseArgs, strict)', () => {
  it('parses a command with options in both spellings, and --json', () => {
    expect(parseCommandLine(['brands:create', '--url', 'a.example.com', '--name=Acme', '--json'], COMMANDS)).to.deep.equal({
      kind: 'run',
      command: 'brands:create',
      flags: { url: 'a.example.com', name: 'Acme' },
      json: true,
    });
  });

  it('reads help, --help and -h as the general help, and help <command> / <command> --help as the command help', () => {
    for (const argv of [['help'], ['--help'], ['-h']]) expect(parseCommandLine(argv, COMMANDS)).to.deep.equal({ kind: 'help' });
    for (const argv of [['help', 'migrate'], ['migrate', '--help'], ['migrate', '-h'], ['brands:create', '--help']]) {
      expect(parseCommandLine(argv, COMMANDS)).to.deep.include({ kind: 'help', command: argv[0] === 'help' ? argv[1] : argv[0] });
    }
  });

  it('names an unknown command, and suggests a close one', () => {
    expect(usageError(['brand:create']).message).to.equal('unknown command "brand:create" (did you mean brands:create?)');
    expect(usageError(['frobnicate']).message).to.equal('unknown command "frobnicate"');
    expect(usageError(['help', 'frobnicate']).message).to.equal('unknown command "frobnicate"');
  });

  it('names an unknown option, a missing value, a stray argument and a missing required option', () => {
    expect(usageError(['brands:create', '--url', 'a', '--colour', 'red']).message).to.equal('brands:create: unknown option --colour');
    expect(usageError(['brands:create', '--url']).message).to.equal('brands:create: --url needs a value');
    expect(usageError(['brands:create', '--url', '--json']).message).to.equal('brands:create: --url needs a value');
    expect(usageError(['brands:create', '--url', 'a', 'extra']).message).to.equal('brands:create: unexpected argument "extra"');
    expect(usageError(['brands:create', '--json=yes', '--url', 'a']).message).to.equal('brands:create: --json takes no value');
    expect(usageError(['brands:create', '--url', '  ']).message).to.equal('brands:create: --url <brand-url> is required');
    expect(usageError(['brands:create']).command).to.equal('brands:create');
  });

  it('wants a command first', () => {
    expect(usageError([]).message).to.equal('a command is required');
    expect(usageError(['--json', 'migrate']).message).to.match(/^a command comes first/);
  });

  it('lists every command in the general help and every option in a command help', () => {
    const general = generalHelp(COMMANDS);
    for (const [name, spec] of Object.entries(COMMANDS)) expect(general).to.include(name).and.include(spec.summary);
    expect(general).to.include('DATA_DIR').and.include('DATABASE_URL and SECRET_KEY');
    const help = commandHelp('brands:create', COMMANDS['brands:create']!);
    expect(help).to.include('Usage: npm run cli -- brands:create --url <brand-url> [--name <name>] [--json]');
    expect(help).to.include('--url <brand-url>').and.include('--name <name>').and.include('{"id"}');
  });

  it('prints the general help in two aligned columns: the summaries start two spaces after the longest command', () => {
    expect(generalHelp(COMMANDS).split('\n').slice(7)).to.deep.equal([
      'Commands:',
      '  brands:create  Create a brand',
      '  migrate        Apply migrations',
      '',
      'Options of one command: npm run cli -- help <command>  (or: <command> --help)',
      '',
    ]);
  });

  it('prints a command help with its options aligned the same way, --json and -h included', () => {
    expect(commandHelp('brands:create', COMMANDS['brands:create']!)).to.equal(
      [
        'Usage: npm run cli -- brands:create --url <brand-url> [--name <name>] [--json]',
        '',
        'Create a brand.',
        '',
        'Options:',
        '  --url <brand-url>  required. the URL',
        '  --name <name>      the name',
        '  --json             print one JSON object: {"id"}',
        '  -h, --help         this help',
        '',
      ].join('\n'),
    );
  });
});

describe('help tables (80 columns)', () => {
  it('wraps a long text under its own column and keeps every line within 80 characters', () => {
    const long = 'failed authentications per client address per minute, then 429 (default 20, 0 = off)';
    expect(helpTable([['PORT', 'HTTP port'], ['AUTH_FAILURES_PER_MINUTE', long]])).to.deep.equal([
      '  PORT                      HTTP port',
      '  AUTH_FAILURES_PER_MINUTE  failed authentications per client address per',
      '                            minute, then 429 (default 20, 0 = off)',
    ]);
  });

  it('breaks between words only: a word longer than the column keeps a line of its own', () => {
    expect(wrap('a bb ccc dddd', 6)).to.deep.equal(['a bb', 'ccc', 'dddd']);
    expect(wrap('x {"a_very_long_word"} y', 6)).to.deep.equal(['x', '{"a_very_long_word"}', 'y']);
    expect(wrap('', 6)).to.deep.equal(['']);
    expect(wrap('exactly six', 11)).to.deep.equal(['exactly six']);
  });
});

