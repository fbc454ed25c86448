import type { Adapter, AdapterPayload } from 'oidc-provider' with { 'resolution-mode': 'import' };

/** Every stored artefact of one provider, keyed `<model>:<id>`. */
export type MapAdapterStore = Map<string, { payload: AdapterPayload; expiresAt: number }>;

/**
 * oidc-provider's storage, one map per harness: its built-in memory adapter
 * is shared by every provider in the process and warns on each start.
 */
export class MapAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MapAdapterStore,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    this.store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const entry = this.store.get(this.key(id));
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere((payload) => payload.uid === uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere((payload) => payload.userCode === userCode);
  }

  async consume(id: string): Promise<void> {
    const entry = this.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(key);
  }

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  private findWhere(matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const prefix = `${this.model}:`;
    for (const [key, entry] of this.store) {
      if (key.startsWith(prefix) && entry.expiresAt > Date.now() && matches(entry.payload)) return entry.payload;
    }
    return undefined;
  }
}
