import { TooManyAttemptsError } from '../domain/errors';
import type { AttemptSubject } from '../domain/sign-in-attempts';
import { decideAttempt, SIGN_IN_LIMIT } from '../domain/sign-in-attempts';
import type { Deps } from '../ports';

/**
 * Counts a password attempt of the client for the email BEFORE the password is checked, and refuses
 * it (429) when their window already holds too many failures. Counting first means parallel guesses cannot
 * all pass a read-then-check; the caller resets the count when the password turns out correct.
 * Sign-in and password changes share the count, so a stolen access token cannot be used to guess
 * the password through PATCH /me either.
 */
export const countPasswordAttempt = async (subject: AttemptSubject, deps: Pick<Deps, 'signInAttempts' | 'now'>): Promise<void> => {
  const now = deps.now();
  const window = await deps.signInAttempts.count(subject, now, SIGN_IN_LIMIT.windowSeconds);
  const decision = decideAttempt(window, now);
  if (!decision.allowed) throw new TooManyAttemptsError(decision.retryAfterSeconds);
};
