/**
 * The metrics the handler wrapper and the services write (CloudWatch embedded metric format): read
 * back from the EMF lines a handler prints, with metrics switched on for this file.
 */
import { apiEvent, lambdaContext } from '@emporium/testing/events';
import { z } from 'zod';

type Emf = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
};

const printed = async (run: () => Promise<unknown>): Promise<Emf[]> => {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
};

describe('metrics (EMF)', () => {
  let modules: { handler: typeof import('./http/handler'); route: typeof import('./http/route'); metrics: typeof import('./metrics') };

  beforeAll(() => {
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
    process.env['POWERTOOLS_SERVICE_NAME'] = 'catalog';
    process.env['POWERTOOLS_METRICS_NAMESPACE'] = 'Emporium';
    process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] = 'on-demand'; // as Lambda sets it: cold starts are counted
    // A fresh copy of the modules, which read the switched-on environment when first used.
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      modules = { handler: require('./http/handler'), route: require('./http/route'), metrics: require('./metrics') };
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
  });

  afterAll(() => {
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  });

  it('counts every request and its duration by route and outcome, and the cold start once', async () => {
    const route = modules.route.defineRoute({
      operationId: 'getThing',
      method: 'GET',
      path: '/things/{id}',
      summary: 's',
      tags: ['T'],
      responses: { 200: { description: 'ok', body: z.unknown() } },
    });
    const handler = modules.handler.httpHandler(route, async () => Promise.resolve({ body: {} }));
    const first = await printed(() => handler(apiEvent({ resource: '/things/{id}', path: '/things/1' }), lambdaContext()));
    const second = await printed(() => handler(apiEvent({ resource: '/things/{id}', path: '/things/2' }), lambdaContext()));
    const request = (lines: Emf[]) => lines.find((line) => 'Requests' in line)!;
    expect(request(first)).toMatchObject({
      service: 'catalog',
      route: 'GET /things/{id}',
      outcome: '2xx',
      Requests: 1,
      RequestDuration: expect.any(Number) as unknown,
    });
    expect(request(first)._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Emporium', Dimensions: [['service', 'route', 'outcome']] });
    expect(first.some((line) => 'ColdStart' in line)).toBe(true);
    expect(second.some((line) => 'ColdStart' in line)).toBe(false);
    expect(request(second)).toMatchObject({ route: 'GET /things/{id}', outcome: '2xx' });
  });

  it('counts a business event on its own, with the service as its only dimension', async () => {
    const lines = await printed(() => Promise.resolve(modules.metrics.countEvent('OrdersPlaced')));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'catalog', OrdersPlaced: 1 });
    expect(lines[0]!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
  });
});
