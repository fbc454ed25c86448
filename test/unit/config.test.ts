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

  it('reads PORT and AUTH_CACHE_TTL_MS as the other integers: empty is the default, only plain digits within the range', () => {
    expect(loadConfig({ PORT: '', AUTH_CACHE_TTL_MS: '' })).to.include({ port: 3000, authCacheTtlMs: 5000 });
    expect(loadConfig({ PORT: '0', AUTH_CACHE_TTL_MS: '60000' })).to.include({ port: 0, authCacheTtlMs: 60000 });
    expect(problemsOf({ PORT: '3e3' })).to.deep.equal(['PORT: must be an integer from 0 to 65535, got "3e3"']);
    expect(problemsOf({ PORT: '65536' })).to.deep.equal(['PORT: must be an integer from 0 to 65535, got "65536"']);
    expect(problemsOf({ AUTH_CACHE_TTL_MS: '0x10' })).to.deep.equal(['AUTH_CACHE_TTL_MS: must be an integer from 0 to 60000, got "0x10"']);
    expect(problemsOf({ AUTH_CACHE_TTL_MS: '60001' })).to.deep.equal(['AUTH_CACHE_TTL_MS: must be an integer from 0 to 60000, got "60001"']);
  });

  it('keeps audit entries 365 days unless AUDIT_RETENTION_DAYS says 1 to 36,500', () => {
    expect(loadConfig({}).auditRetentionDays).to.equal(365);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).to.equal(30);
    expect(problemsOf({ AUDIT_RETENTION_DAYS: '0' })).to.deep.equal(['AUDIT_RETENTION_DAYS: must be an integer from 1 to 36500, got "0"']);
  });

  it('trusts no proxy by default; TRUSTED_PROXIES takes addresses, CIDR ranges and proxy-addr\'s names, and names its bad entries on one line', () => {
    expect(loadConfig({}).trustedProxies).to.deep.equal([]);
    expect(loadConfig({ TRUSTED_PROXIES: ' , ' }).trustedProxies).to.deep.equal([]);
    expect(loadConfig({ TRUSTED_PROXIES: 'loopback, linklocal,uniquelocal, 10.0.0.0/8, 192.168.1.0/255.255.255.0, 203.0.113.7, fd00::/8, ::1' }).trustedProxies)
      .to.deep.equal(['loopback', 'linklocal', 'uniquelocal', '10.0.0.0/8', '192.168.1.0/255.255.255.0', '203.0.113.7', 'fd00::/8', '::1']);
    expect(problemsOf({ TRUSTED_PROXIES: '10.0.0.0/8, 10.0.0.0/33, nginx, 300.1.1.1, 10.0.0.1:80' })).to.deep.equal([
      'TRUSTED_PROXIES: each entry must be an IP address, a CIDR range or loopback, linklocal, uniquelocal; got "10.0.0.0/33", "nginx", "300.1.1.1", "10.0.0.1:80"',
    ]);
    expect(problemsOf({ TRUSTED_PROXIES: 'LOOPBACK' }), 'names are lower case, as proxy-addr takes them').to.have.length(1);
  });
});
