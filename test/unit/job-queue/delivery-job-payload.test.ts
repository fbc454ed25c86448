import { expect } from 'chai';
import { DELIVER_WEBHOOK_TASK, jobHandlers, MalformedPayload, WEBHOOK_JOBS } from '../../../src/adapters/job-queue/job-table';
import { DeliverWebhookAttempt, DeliverWebhookAttemptCommand } from '../../../src/application/webhooks/deliver-webhook-attempt.use-case';
import { resolveFrom } from '../../support/resolve-from';

/** The delivery use case as the job table resolves it, recording the commands it is given. */
function recordingDelivery(): { deliver: DeliverWebhookAttempt; commands: DeliverWebhookAttemptCommand[] } {
  const commands: DeliverWebhookAttemptCommand[] = [];
  const deliver = Object.create(DeliverWebhookAttempt.prototype) as DeliverWebhookAttempt;
  deliver.execute = async (command) => void commands.push(command);
  return { deliver, commands };
}

describe('the ih_deliver_webhook job: the delivery id in its payload', () => {
  const run = async (payload: unknown) => {
    const { deliver, commands } = recordingDelivery();
    const handler = jobHandlers(WEBHOOK_JOBS.filter((entry) => entry.task === DELIVER_WEBHOOK_TASK), resolveFrom(deliver))[DELIVER_WEBHOOK_TASK]!;
    const failure = await handler(payload).then(() => undefined, (error: unknown) => error);
    return { commands, failure };
  };

  it('takes a decimal string exactly, past 2^53 and up to the last bigint (as migration 1772000000000 queues it)', async () => {
    for (const id of ['1', '9007199254740993', '9223372036854775807']) {
      const { commands, failure } = await run(JSON.parse(`{"deliveryId":"${id}","attempt":3}`));
      expect(failure, id).to.equal(undefined);
      expect(commands, id).to.deep.equal([{ deliveryId: id, attempt: 3 }]);
    }
  });

  it('takes a safe-integer number, as jobs queued before that migration carry it', async () => {
    const { commands } = await run(JSON.parse('{"deliveryId":9007199254740991,"attempt":1}'));
    expect(commands).to.deep.equal([{ deliveryId: '9007199254740991', attempt: 1 }]);
  });

  it('refuses, without running, a number past 2^53 (JSON.parse has rounded it: it may name another delivery) and a string no bigint id is', async () => {
    const refused = [
      '{"deliveryId":9007199254740993,"attempt":1}', '{"deliveryId":0,"attempt":1}', '{"deliveryId":1.5,"attempt":1}',
      '{"deliveryId":"0","attempt":1}', '{"deliveryId":"-1","attempt":1}', '{"deliveryId":"01","attempt":1}', '{"deliveryId":" 1","attempt":1}',
      '{"deliveryId":"1e3","attempt":1}', '{"deliveryId":"9223372036854775808","attempt":1}', '{"deliveryId":null,"attempt":1}',
      '{"attempt":1}', '{"deliveryId":"5"}', '["5", 1]',
    ];
    for (const text of refused) {
      const { commands, failure } = await run(JSON.parse(text));
      expect(failure, text).to.be.instanceOf(MalformedPayload);
      expect(commands, text).to.deep.equal([]);
    }
  });
});
