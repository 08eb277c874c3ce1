/**
 * Brute-force protection for passwords, per pair (normalised email, client) and whether or not an
 * account has the email: every password check first counts an attempt in the pair's window
 * (atomically, before the password is verified, so parallel guesses cannot slip past the limit); a
 * correct password resets the pair's count. A window opens at the first attempt and lasts
 * `windowSeconds`; once `maxFailures` attempts inside it went wrong, every further attempt of that
 * client for that email is refused until the window ends.
 *
 * Keyed on the pair, not on the email alone: a client guessing a victim's password locks out only
 * itself, so nobody can deny the real owner sign-in by failing on purpose from elsewhere
 * (docs/adr/0012). What bounds a client across many emails is the gateway's per-client sign-in
 * throttle, in front of the function.
 */
export const SIGN_IN_LIMIT = { maxFailures: 5, windowSeconds: 15 * 60 } as const;

export type SignInLimit = { maxFailures: number; windowSeconds: number };

/**
 * Whose attempts one window counts: a normalised email, and the client trying it (`ip:<address>`,
 * the address API Gateway saw). The same answer whether or not an account has the email.
 */
export interface AttemptSubject {
  email: string;
  client: string;
}

/** The client part of an attempt subject: the caller's source address. */
export const attemptClient = (caller: { sourceIp: string }): string => `ip:${caller.sourceIp}`;

/** The attempts counted for one email: how many since the last success, and when the window ends. */
export interface AttemptWindow {
  /** Attempts in this window, including the one being decided. */
  attempts: number;
  /** End of the window, epoch seconds (also the DynamoDB TTL attribute). */
  expiresAt: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** When a window opened now ends. */
export const windowExpiry = (now: Date, limit: SignInLimit = SIGN_IN_LIMIT): number => epochSeconds(now) + limit.windowSeconds;

/** A window is open until its expiry second; after that the next attempt opens a new one. */
export const isWindowOpen = (window: Pick<AttemptWindow, 'expiresAt'>, now: Date): boolean => window.expiresAt > epochSeconds(now);

/**
 * May the attempt that was just counted check a password? Yes while at most `maxFailures` attempts
 * came before it in an open window; no (until the window ends) once that many have failed.
 */
export const decideAttempt = (window: AttemptWindow, now: Date, limit: SignInLimit = SIGN_IN_LIMIT): AttemptDecision => {
  if (!isWindowOpen(window, now)) return { allowed: true };
  const earlierFailures = window.attempts - 1;
  if (earlierFailures < limit.maxFailures) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, window.expiresAt - epochSeconds(now)) };
};
