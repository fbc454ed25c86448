import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { Container, ContainerModule } from 'inversify';
import * as api from '../../../src';
import { JFW_ROUTES } from '../../../src/adapters/http/jfw/jfw.routes';
import { PORTAL_ROUTES } from '../../../src/adapters/http/portal/portal.routes';
import { FixedClock } from '../../support/fixed-clock';

const SRC = join(__dirname, '..', '..', '..', 'src');

/** Every use case class on disk (application/**\/*.use-case.js), found without the registries it checks. */
function useCasesOnDisk(): { file: string; useCase: api.UseCaseClass }[] {
  const found: { file: string; useCase: api.UseCaseClass }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.use-case.js')) {
        for (const value of Object.values(require(path) as Record<string, unknown>)) {
          if (typeof value === 'function' && 'ports' in value) found.push({ file: entry.name, useCase: value as api.UseCaseClass });
        }
      }
    }
  };
  walk(join(SRC, 'application'));
  return found;
}

/** The exported tokens: the symbols of the package entry. */
const TOKENS = Object.entries(api).filter(([, value]) => typeof value === 'symbol') as [string, symbol][];

/** Tokens of ports whose adapters a host binds itself: none since identity providers are wired (kept for the next such port). */
const HOST_BOUND = new Set<string>();

const secretKey = randomBytes(32).toString('base64');
const CONFIGURATIONS: Record<string, () => Container> = {
  'in-memory': () => api.createContainer({ persistence: { kind: 'in-memory' }, secretKey }),
  'in-memory, auth cache off': () => api.createContainer({ persistence: { kind: 'in-memory' }, secretKey, authCacheTtlMs: 0 }),
  // The DataSource is never initialised: building the adapters must not touch the database.
  TypeORM: () => api.createContainer({ persistence: { kind: 'typeorm', dataSource: api.createDataSource({ url: 'postgres://127.0.0.1:1/none' }) }, secretKey }),
  'in-memory with overrides': () =>
    api.createContainer({
      persistence: { kind: 'in-memory' },
      secretCipher: new api.AesGcmSecretCipher(api.cipherKeyFromBase64(secretKey), []),
      overrides: [new ContainerModule(({ rebind }) => void rebind(api.CLOCK).toConstantValue(new FixedClock(new Date(0))))],
    }),
};

describe('wiring: every binding of every container configuration resolves', () => {
  const onDisk = useCasesOnDisk();

  it('finds the use cases on disk and the tokens of the entry point', () => {
    expect(onDisk.length).to.be.greaterThan(40);
    expect(TOKENS.map(([name]) => name)).to.include.members([
      'CLOCK', 'BRAND_REPOSITORY', 'PORTAL_APP_REPOSITORY', 'DATA_SOURCE', 'OUTBOUND_HTTP', 'WEBHOOK_DELIVERY_STORE', 'WEBHOOK_SUBSCRIPTION_REPOSITORY',
    ]);
  });

  it('lists every use case on disk in exactly one registry, and the entry point exports each', () => {
    const registered = api.ALL_USE_CASES.map((useCase) => useCase.name);
    expect(new Set(registered).size, 'a use case in two registries').to.equal(registered.length);
    const expected = onDisk.map(({ useCase }) => useCase.name);
    expect([...registered].sort()).to.deep.equal([...expected].sort());
    for (const name of expected) expect((api as Record<string, unknown>)[name], `${name} exported from src/index.ts`).to.be.a('function');
  });

  it('names a token for every constructor parameter of every use case', () => {
    for (const { useCase } of onDisk) {
      expect(useCase.ports, useCase.name).to.have.length(useCase.length);
      for (const port of useCase.ports) expect(port, useCase.name).to.be.a('symbol');
    }
  });

  it('registers every use case a route table names', () => {
    for (const entry of [...JFW_ROUTES, ...PORTAL_ROUTES]) {
      expect(api.ALL_USE_CASES, `${entry.method.toUpperCase()} ${entry.path}`).to.include(entry.useCase);
    }
  });

  for (const [configuration, build] of Object.entries(CONFIGURATIONS)) {
    it(`${configuration}: resolves every use case on disk and every token`, () => {
      const container = build();
      const missing: string[] = [];
      for (const { file, useCase } of onDisk) {
        try {
          expect(container.get(useCase)).to.be.instanceOf(useCase);
        } catch (error) {
          missing.push(`${useCase.name} (${file}): ${(error as Error).message.split('\n')[0]}`);
        }
      }
      for (const [name, token] of TOKENS) {
        if (HOST_BOUND.has(name) || (name === 'DATA_SOURCE' && configuration !== 'TypeORM')) continue;
        try {
          expect(container.get(token), name).to.not.equal(undefined);
        } catch (error) {
          missing.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      expect(missing, missing.join('\n')).to.deep.equal([]);
    });
  }

});
