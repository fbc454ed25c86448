import { ChangeContext } from '../../src/domain/audit/change-context';

/** The change context of writes a test makes directly through a use case or a store (the command line's kind). */
export const TEST_CHANGE: ChangeContext = { actor: { kind: 'cli', id: null }, correlationId: 'test' };
