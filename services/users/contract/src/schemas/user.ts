import * as z from 'zod/mini';
import { DOCS, withMeta } from '@emporium/common/contract/meta';
import { cleanText, wellFormed } from '@emporium/common/contract/text';
import { isoDateTime } from '@emporium/common/contract/formats';

/** The single source of users' contracts (requests, responses, docs). */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const userId = withMeta(
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a user id (a ULID such as 01JF3Y2K8D5N7Q1W3E5R7T9Y0A)')),
  DOCS && {
    description: 'User id (ULID)',
    example: '01JF3Y2K8D5N7Q1W3E5R7T9Y0A',
  },
);

/** Emails are compared and stored normalised: trimmed and lowercase. */
export const email = withMeta(
  z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email('Expected an email address')),
  DOCS && {
    description: 'Email address; compared and stored trimmed and lowercase',
    example: 'ada@example.com',
  },
);

/** A new password. Not trimmed or otherwise changed: every character counts. */
export const newPassword = withMeta(
  z
    .string()
    .check(
      z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`),
      z.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
      wellFormed(),
    ),
  DOCS && { description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters, taken exactly as sent`, example: 'correct-horse-battery' },
);

/** A password to check (sign-in, current password): any length up to the maximum. */
export const givenPassword = withMeta(
  z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH), wellFormed()),
  DOCS && { example: 'correct-horse-battery' },
);

export const displayName = withMeta(
  z.string().check(z.trim(), z.minLength(1), z.maxLength(100), z.regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed'), cleanText()),
  DOCS && { description: 'Shown to others; 1-100 characters, trimmed', example: 'Ada Lovelace' },
);

/** Registration. Strict: role, id, emailVerified and any other field are refused (400). */
export const registerUserBody = withMeta(
  z.strictObject({
    email,
    password: newPassword,
    displayName,
  }),
  DOCS && { id: 'RegisterUser', description: "A new account. It is always a customer; the role is not the caller's to choose." },
);
export type RegisterUserBody = z.output<typeof registerUserBody>;

/**
 * PATCH /me: the caller's own changes. Strict: role, email, id, emailVerified, version are not the
 * caller's to set (400 unknown field). A password change needs the current password too.
 */
export const updateMeBody = withMeta(
  z
    .strictObject({
      displayName: z.optional(displayName),
      currentPassword: z.optional(givenPassword),
      newPassword: z.optional(newPassword),
    })
    .check(
      z.superRefine((body, ctx) => {
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
      }),
    ),
  DOCS && { id: 'UpdateMe', description: 'Your own changes: displayName, or currentPassword with newPassword.' },
);
export type UpdateMeBody = z.output<typeof updateMeBody>;

export const userIdParams = z.strictObject({ id: userId });

/** What every user endpoint answers: the public user, never the password hash. */
export const userSchema = withMeta(
  z.strictObject({
    id: userId,
    email: withMeta(z.string(), DOCS && { example: 'ada@example.com' }),
    displayName: withMeta(z.string(), DOCS && { example: 'Ada Lovelace' }),
    role: z.enum(['customer', 'admin']),
    version: withMeta(z.number().check(z.int(), z.gte(1)), DOCS && { description: 'Bumped by every change; the ETag is `"<version>"`', example: 1 }),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  }),
  DOCS && { id: 'User', description: 'An account, as anyone allowed to see it sees it (never the password).' },
);
export type PublicUser = z.output<typeof userSchema>;
