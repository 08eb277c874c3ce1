import { PlatformError } from '../platform-error';
import type { LocalFunction } from './lambda-runtime';
import { LocalScheduler, periodOf, schedulesOf } from './scheduler';

const fakeFunction = (outcome: () => Promise<unknown>) => {
  const events: unknown[] = [];
  const fn: LocalFunction = {
    service: 'catalog',
    name: 'sweep',
    timeoutSeconds: 60,
    invoke: async (event) => {
      events.push(event);
      return outcome();
    },
  };
  return { fn, events };
};

describe('schedule expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
  ])('%s runs every %i ms', (expression, period) => {
    expect(periodOf(expression, 'catalog.sweep')).toBe(period);
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'cron(0 12 * * ? *)', 'every minute'])('refuses %s, naming the function', (expression) => {
    expect(() => periodOf(expression, 'catalog.sweep')).toThrow(PlatformError);
    expect(() => periodOf(expression, 'catalog.sweep')).toThrow(/catalog\.sweep/);
  });

  it("reads serverless.yml's string and object forms, several rates, and skips disabled schedules", () => {
    expect(
      schedulesOf(
        'sweep',
        [
          { schedule: 'rate(1 minute)' },
          { schedule: { rate: ['rate(2 minutes)', 'rate(1 hour)'], input: { a: 1 } } },
          { schedule: { rate: 'rate(1 day)', enabled: false } },
          {},
        ],
        'catalog',
      ),
    ).toEqual([
      { functionName: 'sweep', expression: 'rate(1 minute)', periodMs: 60_000 },
      { functionName: 'sweep', expression: 'rate(2 minutes)', periodMs: 120_000, input: { a: 1 } },
      { functionName: 'sweep', expression: 'rate(1 hour)', periodMs: 3_600_000, input: { a: 1 } },
    ]);
  });
});

describe('LocalScheduler', () => {
  afterEach(() => jest.useRealTimers());

  it('invokes with an EventBridge scheduled event every period once started, and no more once stopped', async () => {
    jest.useFakeTimers();
    const { fn, events } = fakeFunction(async () => 'done');
    const scheduler = new LocalScheduler();
    scheduler.add({ functionName: 'sweep', expression: 'rate(1 minute)', periodMs: 60_000 }, fn, 'eu-west-1');
    scheduler.start();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(events).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      region: 'eu-west-1',
      resources: ['arn:aws:events:eu-west-1:000000000000:rule/catalog-sweep'],
      detail: {},
    });
    expect((events[0] as { id: string }).id).not.toBe((events[1] as { id: string }).id);
    scheduler.stop();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(events).toHaveLength(2);
  });

  it('runs a schedule at once on demand, and reports a failure instead of throwing', async () => {
    const reports: string[] = [];
    const scheduler = new LocalScheduler((message) => reports.push(message));
    scheduler.add({ functionName: 'sweep', expression: 'rate(1 minute)', periodMs: 60_000 }, fakeFunction(async () => ({ released: 2 })).fn, 'eu-west-1');
    expect(await scheduler.run('catalog', 'sweep')).toEqual({ functionName: 'sweep', ok: true, result: { released: 2 } });
    const failing = new LocalScheduler((message) => reports.push(message));
    failing.add(
      { functionName: 'sweep', expression: 'rate(1 minute)', periodMs: 60_000 },
      fakeFunction(async () => Promise.reject(new Error('table busy'))).fn,
      'eu-west-1',
    );
    expect(await failing.run('catalog', 'sweep')).toEqual({ functionName: 'sweep', ok: false, error: 'table busy' });
    expect(reports).toEqual(['[schedule] catalog.sweep (rate(1 minute)) failed: table busy']);
    await expect(failing.run('catalog', 'other')).rejects.toThrow('No scheduled function catalog.other; scheduled: catalog.sweep.');
  });
});
