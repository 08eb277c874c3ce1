import * as z from 'zod/mini';

/**
 * Text that people write and others read (names, descriptions): well-formed Unicode (no lone
 * surrogate, which JSON can carry as `\ud800` and which turns into U+FFFD, or breaks, on the way
 * to a log, a page or a hash) and no control characters (NUL, escape, bell...). Tab, line feed and
 * carriage return are allowed only in multi-line text. A refinement, so it is checked by the
 * function (400 naming the field) and leaves the published JSON Schema as it was.
 */
const CONTROL = /[\p{Cc}]/u;
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 units: no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const isWellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

export const isCleanText = (value: string, multiline = false): boolean => isWellFormed(value) && !(multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value);

export const TEXT_MESSAGE = 'Expected text without control characters or invalid Unicode';

/** A refinement for a string schema: `z.string().check(z.maxLength(200), cleanText())`. */
export const cleanText = (options: { multiline?: boolean } = {}) =>
  z.refine<string>((value) => isCleanText(value, options.multiline), {
    message: options.multiline ? `${TEXT_MESSAGE} (line breaks and tabs are fine)` : TEXT_MESSAGE,
  });

/** What a password may hold: anything but invalid Unicode (a lone surrogate hashes like U+FFFD). */
export const wellFormed = () => z.refine<string>(isWellFormed, { message: 'Expected valid Unicode (no lone surrogates)' });
