/** A problem the person starting the platform can fix; printed as one line, without a stack. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
}
