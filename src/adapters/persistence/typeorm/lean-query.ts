import { Query, types as pgTypes } from 'pg';
// pg's Result and utils are not in its typings; their module paths are in pg's exports map (`./lib/*`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PgResult = require('pg/lib/result') as new (rowMode?: string, types?: TypeSource) => PgResultInternals;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

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
  // A connection described once hands back the same array each time (DescribedOnce), often the shape's own.
  if (a === b) return true;
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

/** The parts of pg's connection and Query that `DescribedOnce` reads or calls (pg 8.x). */
interface PgConnection {
  bind(config: object): void;
  close(config: object): void;
  sync(): void;
}

interface PgQuery {
  name?: string;
  portal?: string;
  values?: unknown[];
  binary?: boolean;
  rows?: number;
  _result: unknown;
  _results: unknown;
  types?: TypeSource;
  submit(connection: PgConnection): Error | null | undefined;
  prepare(connection: PgConnection): void;
  hasBeenParsed(connection: PgConnection): boolean;
  handleError(error: unknown, connection: PgConnection): void;
  handleRowDescription(message: { fields: readonly FieldDescription[] }): void;
  _getRows(connection: PgConnection, rows: number | undefined): void;
}

const PgQueryClass = Query as unknown as new (text: string, values: unknown[], callback: unknown) => PgQuery;

/**
 * The fields each connection was told a named statement answers, recorded
 * from the RowDescription of its first execution there. A prepared
 * statement's result columns cannot change while it lives on its
 * connection: PostgreSQL refuses to run one whose columns changed
 * ("cached plan must not change result type", 0A000) rather than answer
 * other columns, and pg never prepares another text under a name. So what
 * one connection was told stays true for that connection.
 */
const describedOn = new WeakMap<PgConnection, Map<string, readonly FieldDescription[]>>();

/**
 * pg's Query, which describes the portal before every execution of a named
 * statement: PostgreSQL then sends the RowDescription again (about 1 KiB
 * for seed 000's 27 columns) and pg parses it into new objects each time.
 * Once a connection has described the statement, later executions there
 * send Bind and Execute only and hand the Query the fields it was told
 * (pg's prepare otherwise; docs/performance.md).
 */
class DescribedOnce extends PgQueryClass {
  private connection?: PgConnection;

  override submit(connection: PgConnection): Error | null | undefined {
    this.connection = connection;
    return super.submit(connection);
  }

  override handleRowDescription(message: { fields: readonly FieldDescription[] }): void {
    if (this.connection !== undefined && this.name !== undefined) {
      let byName = describedOn.get(this.connection);
      if (byName === undefined) describedOn.set(this.connection, (byName = new Map()));
      byName.set(this.name, message.fields);
    }
    super.handleRowDescription(message);
  }

  override prepare(connection: PgConnection): void {
    const fields = this.name !== undefined && this.hasBeenParsed(connection) ? describedOn.get(connection)?.get(this.name) : undefined;
    if (fields === undefined) return super.prepare(connection);
    // pg's prepare without Parse (already parsed here) and without Describe: its bind, its error path, its execute.
    try {
      connection.bind({ portal: this.portal, statement: this.name, values: this.values, binary: this.binary, valueMapper: prepareValue });
    } catch (error) {
      connection.close({ type: 'S', name: this.name });
      connection.sync();
      this.handleError(error, connection);
      return;
    }
    super.handleRowDescription({ fields });
    this._getRows(connection, this.rows);
  }
}

/**
 * pg's Query, with the lean Result above and described once per connection
 * for a named statement; an unnamed one is pg's own. Handed to
 * `client.query` as a submittable, so pg runs it as any query (pipelining,
 * timeouts, errors).
 */
export function leanQuery(config: LeanQueryConfig, callback: (error: Error | null, result: unknown) => void): Query {
  // Text and values, not the config object: pg copies a config object's property descriptors
  // (1.3 µs a query); the name is all else this config has.
  if (config.name === undefined) return new Query(config.text, config.values as unknown[], callback as never);
  const query = new DescribedOnce(config.text, config.values as unknown[], callback);
  query.name = config.name;
  query._result = query._results = new LeanResult(config.name, query.types);
  return query as unknown as Query;
}

/** What the hot statements give pg: a statement, its parameters and, for a prepared one, its name. */
export interface LeanQueryConfig {
  readonly name?: string;
  readonly text: string;
  readonly values: readonly unknown[];
}
