import { lambdaContext } from '@emporium/testing/events';
import type { ScheduledEvent } from 'aws-lambda';
import { currentCorrelation } from '../correlation';
import { getLogger } from '../logger';
import { scheduledHandler } from './scheduled';

const event = (id: string): ScheduledEvent => ({
  version: '0',
  id,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: '2026-12-07T10:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:000000000000:rule/catalog-sweep'],
  detail: {},
});

describe('scheduledHandler', () => {
  it("runs the job in the event's correlation and answers its result", async () => {
    const handler = scheduledHandler('sweep', async () => ({ released: 2, requestId: currentCorrelation()?.requestId }));
    expect(await handler(event('run-1'), lambdaContext())).toEqual({ released: 2, requestId: 'run-1' });
  });

  it('fails the invocation when the job fails (so Lambda counts an error), after logging it', async () => {
    const logged = jest.spyOn(getLogger(), 'error');
    try {
      const handler = scheduledHandler('sweep', async () => Promise.reject(new Error('table busy')));
      await expect(handler(event('run-2'), lambdaContext())).rejects.toThrow('table busy');
      expect(logged).toHaveBeenCalledWith('job failed', { job: 'sweep', error: expect.objectContaining({ message: 'table busy' }) });
    } finally {
      logged.mockRestore();
    }
  });
});
