import { z } from 'zod';

/** The single source of users' contracts (requests, responses, docs). */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const userId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a user id (ULID)');

/** Emails are compared and stored normalised: trimmed and lowercase. */
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email('Expected an email address'));

/** A new password. Not trimmed or otherwise changed: every character counts. */
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

/** A password to check (sign-in, current password): any length up to the maximum. */
export const givenPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed');

/** Registration. Strict: role, id, emailVerified and any other field are refused (400). */
export const registerUserBody = z.strictObject({
  email,
  password: newPassword,
  displayName,
});
export type RegisterUserBody = z.output<typeof registerUserBody>;

/**
 * PATCH /me: the caller's own changes. Strict: role, email, id, emailVerified, version are not the
 * caller's to set (400 unknown field). A password change needs the current password too.
 */
export const updateMeBody = z
  .strictObject({
    displayName: displayName.optional(),
    currentPassword: givenPassword.optional(),
    newPassword: newPassword.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.displayName === undefined && body.newPassword === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Send displayName or newPassword (with currentPassword) to change' });
    }
    if (body.newPassword !== undefined && body.currentPassword === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currentPassword'], message: 'Required to change the password' });
    }
    if (body.currentPassword !== undefined && body.newPassword === undefined) {
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'currentPassword is only used with newPassword' });
    }
    if (body.newPassword !== undefined && body.newPassword === body.currentPassword) {
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'The new password must differ from the current one' });
    }
  });
export type UpdateMeBody = z.output<typeof updateMeBody>;

export const userIdParams = z.strictObject({ id: userId });

/** What every user endpoint answers: the public user, never the password hash. */
export const publicUserResponse = z.strictObject({
  id: userId,
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['customer', 'admin']),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
