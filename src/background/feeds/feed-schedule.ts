/**
 * When feeds refresh: an alarm wakes the background every ALARM_PERIOD_MINUTES and refreshes the
 * feeds that are due; each feed's next time is jittered so many installs do not hit a publisher at
 * the same minute, and failing feeds back off.
 */

/** Alarm name (one alarm for all feeds). */
export const FEED_ALARM = 'pl-feed-refresh';
/** Alarm period: how late a due feed can be refreshed; 30 min costs one cheap wake-up each time. */
const ALARM_PERIOD_MINUTES = 30;
/** Normal refresh interval: fact-check feeds change a few times a day; 6 h keeps load low. */
export const REFRESH_INTERVAL_MS = 6 * 3600_000;
/** Random extra delay per refresh, up to 1 h: spreads publishers' load across installs. */
export const REFRESH_JITTER_MS = 3600_000;
/** First retry after a failure; doubles per consecutive failure up to the normal interval. */
export const RETRY_BASE_MS = 15 * 60_000;

/** The next refresh time after an attempt (ISO), jittered, with back-off after failures. */
export function nextRefreshTime(now: Date, failures: number, random: () => number = Math.random): string {
  const base = failures > 0 ? Math.min(REFRESH_INTERVAL_MS, RETRY_BASE_MS * 2 ** (failures - 1)) : REFRESH_INTERVAL_MS;
  const jitter = Math.floor(random() * (failures > 0 ? base / 4 : REFRESH_JITTER_MS));
  return new Date(now.getTime() + base + jitter).toISOString();
}

/** The alarms API surface used (browser.alarms fits it). */
export interface AlarmsLike {
  create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): unknown;
  get(name: string): Promise<{ name: string } | undefined | null>;
  onAlarm: { addListener(cb: (alarm: { name: string }) => unknown): void };
}

/**
 * Registers the feed alarm listener (synchronously, as MV3 requires at worker start) and creates
 * the alarm if it does not exist yet, with a jittered first delay. `refreshDue` runs on each alarm.
 */
export function registerFeedAlarms(alarms: AlarmsLike, refreshDue: () => Promise<unknown>, random: () => number = Math.random): void {
  alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== FEED_ALARM) return undefined;
    // Returning the promise keeps a Firefox event page alive until the refresh ends.
    return refreshDue().catch(() => undefined);
  });
  void Promise.resolve(alarms.get(FEED_ALARM))
    .then((existing) => {
      if (!existing) alarms.create(FEED_ALARM, { delayInMinutes: 1 + random() * ALARM_PERIOD_MINUTES, periodInMinutes: ALARM_PERIOD_MINUTES });
    })
    .catch(() => undefined);
}
