import type * as Chai from 'chai' with { 'resolution-mode': 'import' };

/*
 * chai 6 ships only ESM. Node >= 20.19 can require() it, but TypeScript under
 * `module: node16` refuses a static import of ESM from CommonJS (TS1479).
 * Requiring it here keeps the types and the rest of the tests plain.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { expect } = require('chai') as typeof Chai;
