import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/bootstrap/config';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('defaults to the embedded database on 127.0.0.1:3000', () => {
    expect(loadConfig({})).to.include({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, dataDir: './.data', logLevel: 'info' });
  });

  it('names every bad variable on its own line', () => {
    const problems = problemsOf({ PORT: 'eighty', SECRET_KEY: 'short', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(problems.map((p) => p.split(':')[0])).to.have.members(['PORT', 'SECRET_KEY', 'LOG_LEVEL', 'DATABASE_URL']);
  });

  it('requires SECRET_KEY with an external database', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/x' })).to.deep.equal(['SECRET_KEY: required when DATABASE_URL is set']);
  });
});
