/**
 * The functions' log lines, kept for the local console by correlation id (docs/adr/0019).
 *
 * Functions run in the platform's process (docs/adr/0004) and Powertools Logger writes one JSON
 * line per call to process.stdout (INFO and below) or process.stderr (WARN and above). `tee()`
 * looks at what is written to a stream and passes it on unchanged, keeping in a bounded ring the
 * lines that carry a `correlation_id` (every line a function writes while it serves a request,
 * ADR 17). Nothing is parsed on the way: the id is found by its offsets in the line, and a line is
 * parsed only when the console asks for it.
 *
 * The local stage logs WARN and above, to keep the terminal readable. So that the console can show
 * each request's INFO line anyway, `functionEnvironment()` has a function whose configured level
 * is above INFO log at INFO, and `tee()` passes on to the terminal only the lines at or above the
 * level its service was configured with: the terminal shows what it showed before, the console
 * sees more.
 */

/** Powertools Logger's level numbers. */
const LEVELS: Record<string, number> = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 };
const INFO = 12;
/** A line's level from the first letter of its name (TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL). */
const LEVEL_BY_INITIAL: Record<number, number> = { 84: 6, 68: 8, 73: 12, 87: 16, 69: 20, 67: 24 };

const CORRELATION_FIELD = '"correlation_id":"';
const LEVEL_FIELD = '"level":"';
const SERVICE_FIELD = '"service":"';
const OPEN_BRACE = 123;
const QUOTE = 34;

export const LOG_CAPACITY = 4_000;
/** Longer lines are kept cut at this length (and shown as text, not parsed). */
export const MAX_LINE_LENGTH = 4_096;

export interface CapturedLine {
  /** Epoch ms when it was written. */
  time: number;
  /** The line as written, without its line break (cut at MAX_LINE_LENGTH when `truncated`). */
  text: string;
  truncated: boolean;
}

/** The part of a writable stream tee() replaces. */
export interface WritableLike {
  write: (...args: never[]) => boolean;
}

type WriteCallback = (error?: Error | null) => void;

export class LogCapture {
  private readonly lines: (string | undefined)[];
  /** Where the correlation id starts and ends in each kept line (-1: not findable). */
  private readonly idStart: Int32Array;
  private readonly idEnd: Int32Array;
  private readonly times: Float64Array;
  private readonly truncated: Uint8Array;
  private written = 0;
  /** Per POWERTOOLS_SERVICE_NAME whose level was raised: the lowest level configured, shown in the terminal. */
  private readonly terminalLevels = new Map<string, number>();
  private raisedServices: string[] = [];
  private highestTerminalLevel = 0;

  constructor(
    readonly capacity: number = LOG_CAPACITY,
    private readonly maxLineLength: number = MAX_LINE_LENGTH,
    private readonly clock: () => number = Date.now,
  ) {
    this.lines = new Array<string | undefined>(capacity);
    this.idStart = new Int32Array(capacity);
    this.idEnd = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
    this.truncated = new Uint8Array(capacity);
  }

  /**
   * A function's environment for the platform: unchanged, unless its Powertools log level is above
   * INFO (the local stage's WARN): then INFO, and lines of its service below the configured level
   * are kept for the console but not passed on to the terminal.
   */
  functionEnvironment(env: Record<string, string>): Record<string, string> {
    const service = env['POWERTOOLS_SERVICE_NAME'];
    const configured = LEVELS[(env['POWERTOOLS_LOG_LEVEL'] ?? '').toUpperCase()];
    if (!service || configured === undefined) return env;
    const known = this.terminalLevels.get(service);
    // Two functions of one service with different levels: the terminal shows the more verbose.
    if (known === undefined || configured < known) this.terminalLevels.set(service, configured);
    this.raisedServices = [...this.terminalLevels].filter(([, level]) => level > INFO).map(([name]) => name);
    this.highestTerminalLevel = Math.max(0, ...[...this.terminalLevels.values()]);
    return configured > INFO ? { ...env, POWERTOOLS_LOG_LEVEL: 'INFO' } : env;
  }

  /** Whether a log line goes on to the terminal: yes unless its service's configured level is above the line's. */
  private forTerminal(chunk: string): boolean {
    if (this.raisedServices.length === 0) return true;
    const levelAt = chunk.indexOf(LEVEL_FIELD);
    if (levelAt < 0) return true;
    const level = LEVEL_BY_INITIAL[chunk.charCodeAt(levelAt + LEVEL_FIELD.length)];
    if (level === undefined || level >= this.highestTerminalLevel) return true;
    const serviceAt = chunk.indexOf(SERVICE_FIELD);
    if (serviceAt < 0) return true;
    const start = serviceAt + SERVICE_FIELD.length;
    for (const name of this.raisedServices) {
      if (chunk.startsWith(name, start) && chunk.charCodeAt(start + name.length) === QUOTE) return level >= (this.terminalLevels.get(name) ?? 0);
    }
    return true;
  }

  /**
   * Looks at one chunk written to a stream; keeps it if it is a log line with a correlation id.
   * Returns whether it goes on to the terminal.
   */
  observe(chunk: string): boolean {
    if (chunk.charCodeAt(0) !== OPEN_BRACE) return true;
    const firstBreak = chunk.indexOf('\n');
    if (firstBreak >= 0 && firstBreak < chunk.length - 1) {
      // Several lines in one write (rare): each on its own; the chunk goes on whole if any line does.
      let pass = false;
      for (const line of chunk.split('\n')) if (line !== '' && (line.charCodeAt(0) !== OPEN_BRACE || this.observeLine(line))) pass = true;
      return pass;
    }
    return this.observeLine(chunk);
  }

  private observeLine(line: string): boolean {
    const at = line.indexOf(CORRELATION_FIELD);
    if (at >= 0) {
      const start = at + CORRELATION_FIELD.length;
      const end = line.indexOf('"', start);
      const slot = this.written % this.capacity;
      this.written += 1;
      const end0 = line.charCodeAt(line.length - 1) === 10 ? line.length - 1 : line.length;
      const cut = end0 > this.maxLineLength;
      // The kept text references the written string (no copy) unless it must be cut.
      this.lines[slot] = cut ? line.slice(0, this.maxLineLength) : line;
      this.truncated[slot] = cut ? 1 : 0;
      const findable = end > start && end <= (cut ? this.maxLineLength : end0);
      this.idStart[slot] = findable ? start : -1;
      this.idEnd[slot] = findable ? end : -1;
      this.times[slot] = this.clock();
    }
    return this.forTerminal(line);
  }

  /** The kept lines of one correlation id, in the order they were written. */
  linesOf(correlationId: string): CapturedLine[] {
    const kept = Math.min(this.written, this.capacity);
    const found: CapturedLine[] = [];
    for (let i = kept; i >= 1; i -= 1) {
      const slot = (this.written - i) % this.capacity;
      const line = this.lines[slot];
      const start = this.idStart[slot] ?? -1;
      if (line === undefined || start < 0 || (this.idEnd[slot] ?? 0) - start !== correlationId.length || !line.startsWith(correlationId, start)) continue;
      const text = line.charCodeAt(line.length - 1) === 10 ? line.slice(0, -1) : line;
      found.push({ time: this.times[slot] ?? 0, text, truncated: this.truncated[slot] === 1 });
    }
    return found;
  }

  /** How many lines were kept in all (the ring holds the last `capacity`). */
  get captured(): number {
    return this.written;
  }

  /**
   * Looks at every string written to `stream` (observe()) and passes it on unless it is a log line
   * below its service's configured level. Returns the function that puts the stream back.
   */
  tee(stream: WritableLike): () => void {
    const target = stream as unknown as { write: (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean };
    const original = target.write;
    const write = function (this: unknown, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      if (typeof chunk === 'string' && !capture.observe(chunk)) {
        // Kept for the console only: the writer still hears that its write is done.
        const done = (typeof encoding === 'function' ? encoding : callback) as WriteCallback | undefined;
        if (done) process.nextTick(done, null);
        return true;
      }
      // eslint-disable-next-line prefer-rest-params
      return original.apply(this, arguments as unknown as [unknown, unknown, unknown]);
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const capture = this;
    target.write = write;
    return () => {
      if (target.write === write) target.write = original;
    };
  }
}
