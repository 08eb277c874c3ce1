import type { ScheduledEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { PlatformError } from '../platform-error';
import type { LocalFunction } from './lambda-runtime';

/** A function's `schedule` event as serverless.yml declares it (string or object form). */
export type ScheduleEventConfig = string | { rate?: string | string[]; enabled?: boolean; input?: unknown; name?: string };

const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/**
 * The period of an EventBridge `rate(...)` expression in ms. `cron(...)` is not run locally (it
 * would need EventBridge's own cron dialect): a clear error names the function, rather than a
 * schedule that silently never fires.
 */
export const periodOf = (expression: string, where: string): number => {
  const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (!rate) throw new PlatformError(`${where}: the local platform runs rate(...) schedules only, not ${expression}.`);
  const count = Number(rate[1]);
  const unit = rate[2]!;
  // EventBridge's own rule: a value of 1 takes the singular unit, any other value the plural.
  if (count < 1 || (count === 1) !== !unit.endsWith('s'))
    throw new PlatformError(`${where}: ${expression} is not a valid rate (EventBridge wants "rate(1 minute)", "rate(5 minutes)").`);
  return count * UNIT_MS[unit]!;
};

export interface LocalSchedule {
  functionName: string;
  expression: string;
  periodMs: number;
  input?: unknown;
}

/** The enabled schedules of one function's events, each with its period. */
export const schedulesOf = (functionName: string, events: readonly { schedule?: ScheduleEventConfig }[], where: string): LocalSchedule[] =>
  events.flatMap(({ schedule }) => {
    if (schedule === undefined) return [];
    const config = typeof schedule === 'string' ? { rate: schedule } : schedule;
    if (config.enabled === false) return [];
    const rates = Array.isArray(config.rate) ? config.rate : config.rate ? [config.rate] : [];
    return rates.map((expression) => ({
      functionName,
      expression,
      periodMs: periodOf(expression, `${where}.${functionName}`),
      ...(config.input !== undefined ? { input: config.input } : {}),
    }));
  });

/** The event EventBridge sends a scheduled function (or the schedule's constant `input`). */
export const scheduledEvent = (schedule: LocalSchedule, region: string, service: string): unknown =>
  schedule.input ??
  ({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:000000000000:rule/${service}-${schedule.functionName}`],
    detail: {},
  } satisfies ScheduledEvent);

export interface ScheduledRun {
  functionName: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/**
 * Runs scheduled functions like EventBridge does: one invocation per period from the moment the
 * platform is up, whether or not the previous one has finished (the job must tolerate overlap), an
 * asynchronous invocation whose failure is logged (in AWS, Lambda retries it twice; locally the
 * next period runs it again). `run` invokes a function's schedule at once, for tests and scripts.
 */
export class LocalScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly entries: { schedule: LocalSchedule; fn: LocalFunction; region: string }[] = [];

  constructor(private readonly report: (message: string) => void = (message) => process.stderr.write(`${message}\n`)) {}

  add(schedule: LocalSchedule, fn: LocalFunction, region: string): void {
    this.entries.push({ schedule, fn, region });
  }

  get schedules(): readonly (LocalSchedule & { service: string })[] {
    return this.entries.map((entry) => ({ ...entry.schedule, service: entry.fn.service }));
  }

  start(): void {
    for (const entry of this.entries) {
      const timer = setInterval(() => void this.invoke(entry), entry.schedule.periodMs);
      timer.unref(); // never keeps the process alive on its own
      this.timers.push(timer);
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Invokes the named function's (first) schedule now and answers how it went. */
  async run(service: string, functionName: string): Promise<ScheduledRun> {
    const entry = this.entries.find((candidate) => candidate.fn.service === service && candidate.schedule.functionName === functionName);
    if (!entry) {
      const known = this.entries.map((e) => `${e.fn.service}.${e.schedule.functionName}`).join(', ') || 'none';
      throw new PlatformError(`No scheduled function ${service}.${functionName}; scheduled: ${known}.`);
    }
    return this.invoke(entry);
  }

  private async invoke(entry: { schedule: LocalSchedule; fn: LocalFunction; region: string }): Promise<ScheduledRun> {
    const { schedule, fn, region } = entry;
    try {
      const result = await fn.invoke(scheduledEvent(schedule, region, fn.service));
      return { functionName: schedule.functionName, ok: true, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.report(`[schedule] ${fn.service}.${schedule.functionName} (${schedule.expression}) failed: ${message}`);
      return { functionName: schedule.functionName, ok: false, error: message };
    }
  }
}
