import { LogCapture } from './log-capture';

/** A stream that records what reaches it (the terminal). */
const terminal = () => {
  const written: string[] = [];
  const stream = {
    write: (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') (done as (error?: Error | null) => void)(null);
      return true;
    },
  };
  return { stream, written };
};

/** A line as Powertools Logger writes it. */
const line = (fields: Record<string, unknown>) =>
  `${JSON.stringify({ level: 'INFO', message: 'request', timestamp: '2026-12-01T10:00:00.000Z', service: 'orders', ...fields })}\n`;

describe('LogCapture', () => {
  it('passes every write on unchanged and keeps the log lines that carry a correlation id, by that id', () => {
    const capture = new LogCapture();
    const { stream, written } = terminal();
    const restore = capture.tee(stream);
    stream.write('Emporium is running: http://localhost:3000\n');
    stream.write(line({ correlation_id: 'checkout-1', route: '/' }));
    stream.write(line({ service: 'catalog', correlation_id: 'checkout-1', route: '/reservations' }));
    stream.write(line({ correlation_id: 'checkout-10' }));
    stream.write(line({ message: 'cold start, no request' }));
    stream.write(Buffer.from('bytes\n'));
    restore();

    expect(written).toHaveLength(6);
    const kept = capture.linesOf('checkout-1');
    expect(kept.map((l) => JSON.parse(l.text) as { service: string; route: string })).toEqual([
      expect.objectContaining({ service: 'orders', route: '/' }),
      expect.objectContaining({ service: 'catalog', route: '/reservations' }),
    ]);
    expect(kept[0]!.text.endsWith('\n')).toBe(false);
    expect(capture.linesOf('checkout-10')).toHaveLength(1);
    expect(capture.linesOf('checkout')).toHaveLength(0);
    expect(capture.captured).toBe(3);
  });

  it('keeps at most `capacity` lines, the newest', () => {
    const capture = new LogCapture(3);
    for (let i = 1; i <= 7; i += 1) capture.observe(line({ correlation_id: 'busy', n: i }));
    expect(capture.linesOf('busy').map((l) => (JSON.parse(l.text) as { n: number }).n)).toEqual([5, 6, 7]);
  });

  it('cuts a line longer than its limit and says so', () => {
    const capture = new LogCapture(10, 200);
    capture.observe(line({ correlation_id: 'long', error: 'x'.repeat(1000) }));
    const [kept] = capture.linesOf('long');
    expect(kept).toMatchObject({ truncated: true });
    expect(kept!.text).toHaveLength(200);
  });

  it('handles several lines in one write', () => {
    const capture = new LogCapture();
    capture.observe(line({ correlation_id: 'a' }) + line({ correlation_id: 'b' }));
    expect(capture.linesOf('a')).toHaveLength(1);
    expect(capture.linesOf('b')).toHaveLength(1);
  });

  it("has a function log at INFO when its level is above, and shows the terminal only what the function's level allowed", () => {
    const capture = new LogCapture();
    const raised = capture.functionEnvironment({ POWERTOOLS_SERVICE_NAME: 'orders', POWERTOOLS_LOG_LEVEL: 'WARN', OTHER: '1' });
    expect(raised).toEqual({ POWERTOOLS_SERVICE_NAME: 'orders', POWERTOOLS_LOG_LEVEL: 'INFO', OTHER: '1' });
    const verbose = { POWERTOOLS_SERVICE_NAME: 'catalog', POWERTOOLS_LOG_LEVEL: 'DEBUG' };
    expect(capture.functionEnvironment(verbose)).toBe(verbose);

    const { stream, written } = terminal();
    capture.tee(stream);
    const done = jest.fn();
    // orders' INFO line: for the console only; the writer still hears the write is done.
    stream.write(line({ correlation_id: 'c-1' }), 'utf8', done);
    stream.write(line({ level: 'WARN', message: 'request failed', correlation_id: 'c-1' }));
    stream.write(line({ message: 'no request' }));
    stream.write(line({ service: 'catalog', level: 'DEBUG', correlation_id: 'c-1' }));
    stream.write(line({ service: 'ordersx', correlation_id: 'c-1' }));
    stream.write('{"_aws":{"CloudWatchMetrics":[]},"service":"orders"}\n');

    expect(written.map((chunk) => (JSON.parse(chunk) as { level?: string; service: string }).level ?? 'EMF')).toEqual(['WARN', 'DEBUG', 'INFO', 'EMF']);
    expect(capture.linesOf('c-1')).toHaveLength(4);
    return new Promise<void>((resolve) =>
      process.nextTick(() => {
        expect(done).toHaveBeenCalledWith(null);
        resolve();
      }),
    );
  });

  it('puts the stream back as it was', () => {
    const capture = new LogCapture();
    const { stream } = terminal();
    const before = stream.write;
    const restore = capture.tee(stream);
    expect(stream.write).not.toBe(before);
    restore();
    expect(stream.write).toBe(before);
  });
});
