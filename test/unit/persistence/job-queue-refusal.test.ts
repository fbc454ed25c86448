import { expect } from 'chai';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { JobQueueRefusedError } from '../../../src/application/ports/job-queue-errors';
import { isJobQueueRefusal, translatingJobQueueRefusals } from '../../../src/adapters/persistence/typeorm/job-queue-refusal';

/** An error as node-postgres raises it: SQLSTATE, message and PL/pgSQL context from the server. */
function pgError(code: string, message: string, where?: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  error.where = where;
  return error;
}

// What PostgreSQL 17 says when add_job, called by the outbox trigger, meets graphile-worker's row-level security (abridged).
const ADD_JOB_CONTEXT = [
  'SQL statement "insert into "graphile_worker"._private_tasks as tasks (identifier) select distinct spec.identifier from unnest(specs) spec"',
  'PL/pgSQL function graphile_worker.add_jobs(graphile_worker.job_spec[],boolean) line 4 at SQL statement',
  'PL/pgSQL function graphile_worker.add_job(text,json,text,timestamp with time zone,integer,text,integer,text[],text) line 6 at SQL statement',
  'SQL statement "SELECT graphile_worker.add_job(\'ih_dispatch_event\', json_build_object(\'eventId\', NEW.id), max_attempts := 25)"',
  'PL/pgSQL function ih_enqueue_event_dispatch() line 6 at PERFORM',
].join('\n');
const RLS_REFUSAL = () => pgError('42501', 'new row violates row-level security policy for table "_private_tasks"', ADD_JOB_CONTEXT);

describe('a job queue refusal, as the persistence adapter recognises it', () => {
  it('is a row refused by row-level security inside graphile_worker.add_job', () => {
    expect(isJobQueueRefusal(RLS_REFUSAL())).to.equal(true);
  });

  it('is a missing grant on graphile-worker\'s schema', () => {
    expect(isJobQueueRefusal(pgError('42501', 'permission denied for schema graphile_worker', 'PL/pgSQL function ih_enqueue_dcr_sync(integer,timestamp with time zone,text) line 3 at PERFORM'))).to.equal(true);
  });

  it('is recognised through TypeORM\'s QueryFailedError too', () => {
    expect(isJobQueueRefusal(new QueryFailedError('SELECT …', [], RLS_REFUSAL()))).to.equal(true);
  });

  it('is not a missing grant on the service\'s own tables', () => {
    expect(isJobQueueRefusal(pgError('42501', 'permission denied for table audit_entries', 'PL/pgSQL function ih_record_change() line 4 at SQL statement'))).to.equal(false);
  });

  it('is not another error raised inside graphile-worker', () => {
    expect(isJobQueueRefusal(pgError('23505', 'duplicate key value violates unique constraint "jobs_key_key"', ADD_JOB_CONTEXT))).to.equal(false);
    expect(isJobQueueRefusal(new Error('graphile_worker'))).to.equal(false);
    expect(isJobQueueRefusal(undefined)).to.equal(false);
  });
});

/** A fake adapter: its writes fail as told, and it remembers what it was called with. */
class FakeAdapter {
  readonly calls: string[] = [];
  constructor(private readonly failure: unknown) {}

  async write(name: string): Promise<string> {
    this.calls.push(name);
    if (this.failure !== undefined) throw this.failure;
    return `wrote ${name}`;
  }

  check(name: string): string {
    this.calls.push(name);
    if (this.failure !== undefined) throw this.failure;
    return `checked ${name}`;
  }
}

describe('an adapter whose job queue refusals are translated', () => {
  it('throws JobQueueRefusedError, with no SQL, for a refusal from an async method', async () => {
    const adapter = translatingJobQueueRefusals(new FakeAdapter(RLS_REFUSAL()));
    const error = await adapter.write('a').then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(JobQueueRefusedError);
    expect((error as JobQueueRefusedError).code).to.equal('JobQueueRefused');
    expect((error as Error).message).not.to.match(/graphile|policy|42501|_private_/);
  });

  it('throws JobQueueRefusedError for a refusal thrown by a method at once', () => {
    const adapter = translatingJobQueueRefusals(new FakeAdapter(RLS_REFUSAL()));
    expect(() => adapter.check('a')).to.throw(JobQueueRefusedError);
  });

  it('passes every other error through as it is', async () => {
    const other = pgError('42501', 'permission denied for table audit_entries');
    const adapter = translatingJobQueueRefusals(new FakeAdapter(other));
    expect(await adapter.write('a').then(() => undefined, (e: unknown) => e)).to.equal(other);
    expect(() => adapter.check('b')).to.throw(other.message);
  });

  it('answers as the adapter does, runs its methods on the adapter itself, and stays an instance of its class', async () => {
    const inner = new FakeAdapter(undefined);
    const adapter = translatingJobQueueRefusals(inner);
    expect(await adapter.write('a')).to.equal('wrote a');
    expect(adapter.check('b')).to.equal('checked b');
    expect(inner.calls).to.deep.equal(['a', 'b']);
    expect(adapter).to.be.instanceOf(FakeAdapter);
    expect(adapter.write, 'one wrapper per method, not one per read').to.equal(adapter.write);
  });
});
