/** Usage plan quota periods, as API Gateway counts them: calendar periods in UTC. */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface Quota {
  limit: number;
  period: QuotaPeriod;
}

/** `2026-12-06` for a moment of that UTC day. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * The first UTC day of the quota period a day belongs to: the day itself, the Sunday that starts
 * its week, or the first of its month.
 */
export const periodStart = (day: string, period: QuotaPeriod): string => {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (period === 'WEEK') date.setUTCDate(date.getUTCDate() - date.getUTCDay());
  if (period === 'MONTH') date.setUTCDate(1);
  return utcDay(date);
};

/** The first UTC day after the period a day belongs to: when its quota resets. */
export const periodEnd = (day: string, period: QuotaPeriod): string => {
  const date = new Date(`${periodStart(day, period)}T00:00:00.000Z`);
  if (period === 'DAY') date.setUTCDate(date.getUTCDate() + 1);
  if (period === 'WEEK') date.setUTCDate(date.getUTCDate() + 7);
  if (period === 'MONTH') date.setUTCMonth(date.getUTCMonth() + 1);
  return utcDay(date);
};

/** Every UTC day from `start` to `end`, both included (`yyyy-MM-dd`). */
export const daysBetween = (start: string, end: string): string[] => {
  const days: string[] = [];
  for (let date = new Date(`${start}T00:00:00.000Z`); utcDay(date) <= end; date.setUTCDate(date.getUTCDate() + 1)) days.push(utcDay(date));
  return days;
};
