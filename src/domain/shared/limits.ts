/** The contract's limits that several rules share, stated once. */

/** The longest URL or free text a field takes (and the longest Brand-URL header read). */
export const MAX_TEXT_LENGTH = 2048;

/** The largest portal id and version: PostgreSQL's int4, what the columns hold. */
export const INT4_MAX = 2_147_483_647;

/** The largest bigint (int8) PostgreSQL holds: the last id a bigserial column can give. */
export const INT8_MAX = 9_223_372_036_854_775_807n;
