import { expect } from 'chai';
import { CommandSpec, commandHelp, generalHelp, parseCommandLine, UsageError } from '../../src/bootstrap/cli-args';

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
});
