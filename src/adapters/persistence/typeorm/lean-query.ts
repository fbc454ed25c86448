import { Query, types as pgTypes } from 'pg';
// pg's Result is not in its typings; its module path is in pg's exports map (`./lib/*`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PgResult = require('pg/lib/result') as new (rowMode?: string, types?: TypeSource) => PgResultInternals;

interface TypeSource {
  getTypeParser(oid: number, format: string): (value: string) => unknown;
}

/** One field of a RowDescription, as pg hands it to Result#addFields. */
interface FieldDescription {
  readonly name: string;
  readonly dataTypeID: number;
  readonly format?: string;
}

/** The parts of pg's Result that addFields sets and parseRow reads (pg 8.x). */
interface PgResultInternals {
  fields: readonly FieldDescription[];
  _types?: TypeSource;
  _parsers?: ((value: string) => unknown)[];
  _prebuiltEmptyResultObject: Record<string, unknown> | null;
  addFields(fields: readonly FieldDescription[]): void;
}

interface RowShape {
  readonly fields: readonly FieldDescription[];
  readonly parsers: ((value: string) => unknown)[];
  readonly empty: Record<string, unknown>;
}

/** Shapes by type source (each client's) and statement name: bounded by clients × named statements. */
const shapes = new WeakMap<object, Map<string, RowShape>>();
const GLOBAL_TYPES: TypeSource = pgTypes as unknown as TypeSource;

function sameFields(a: readonly FieldDescription[], b: readonly FieldDescription[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.name !== b[i]!.name || a[i]!.dataTypeID !== b[i]!.dataTypeID || a[i]!.format !== b[i]!.format) return false;
  }
  return true;
}

function shapeOf(types: TypeSource, fields: readonly FieldDescription[]): RowShape | undefined {
  const empty: Record<string, unknown> = {};
  for (const field of fields) {
    // A plain object literal's shape: a column named __proto__ would set its prototype, so pg's own way serves it.
    if (field.name === '__proto__') return undefined;
    empty[field.name] = null;
  }
  return { fields, parsers: fields.map((f) => types.getTypeParser(f.dataTypeID, f.format ?? 'text')), empty };
}

/**
 * A Result that builds its row shape and parsers once per named statement
 * and client. pg's own addFields, run on every execution (a named
 * statement is still described each time), fills a null-prototype object
 * and spreads it: a dictionary-mode object, 7–8 µs for the 27 columns of
 * seed 000's write, for a shape that never changes between executions
 * (node-postgres issue #3055). The rows are the same plain objects with
 * the same values; parseRow is pg's.
 */
class LeanResult extends PgResult {
  constructor(
    private readonly statement: string,
    types: TypeSource | undefined,
  ) {
    super(undefined, types);
  }

  override addFields(fields: readonly FieldDescription[]): void {
    const source = this._types ?? GLOBAL_TYPES;
    let byName = shapes.get(source);
    if (byName === undefined) shapes.set(source, (byName = new Map()));
    let shape = byName.get(this.statement);
    if (shape === undefined || !sameFields(shape.fields, fields)) {
      shape = shapeOf(source, fields);
      if (shape === undefined) return super.addFields(fields);
      byName.set(this.statement, shape);
    }
    this.fields = fields;
    this._parsers = shape.parsers;
    this._prebuiltEmptyResultObject = shape.empty;
  }
}

/**
 * pg's Query, with the lean Result above for a named statement; an unnamed
 * one is pg's own. Handed to `client.query` as a submittable, so pg runs it
 * as any query (pipelining, timeouts, errors).
 */
export function leanQuery(config: LeanQueryConfig, callback: (error: Error | null, result: unknown) => void): Query {
  // Text and values, not the config object: pg copies a config object's property descriptors
  // (1.3 µs a query); the name is all else this config has.
  const query = new Query(config.text, config.values as unknown[], callback as never) as Query & { name?: string };
  if (config.name !== undefined) {
    query.name = config.name;
    const internals = query as unknown as { _result: unknown; _results: unknown; types?: TypeSource };
    internals._result = internals._results = new LeanResult(config.name, internals.types);
  }
  return query;
}

/** What the hot statements give pg: a statement, its parameters and, for a prepared one, its name. */
export interface LeanQueryConfig {
  readonly name?: string;
  readonly text: string;
  readonly values: readonly unknown[];
}
