import { correlationHeaders, currentCorrelation, withCorrelation } from './correlation';

describe('correlation', () => {
  it('is nothing outside a request', () => {
    expect(currentCorrelation()).toBeUndefined();
    expect(correlationHeaders()).toEqual({});
  });

  it('forwards the request id and the trace header to the calls made while serving it', async () => {
    const headers = await withCorrelation({ requestId: 'r1', traceHeader: 'Root=1-abc' }, async () => {
      await Promise.resolve();
      return correlationHeaders();
    });
    expect(headers).toEqual({ 'x-request-id': 'r1', 'x-amzn-trace-id': 'Root=1-abc' });
  });

  it('forwards the request id alone without a trace header', async () => {
    expect(await withCorrelation({ requestId: 'r2' }, async () => Promise.resolve(correlationHeaders()))).toEqual({ 'x-request-id': 'r2' });
    expect(await withCorrelation({ requestId: 'r3', traceHeader: '' }, async () => Promise.resolve(correlationHeaders()))).toEqual({ 'x-request-id': 'r3' });
  });

  it('keeps concurrent requests apart', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((requestId) =>
        withCorrelation({ requestId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, requestId === 'a' ? 5 : 0));
          return currentCorrelation()?.requestId;
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(currentCorrelation()).toBeUndefined();
  });
});
