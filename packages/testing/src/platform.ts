/** End-to-end tests start the platform through this entry; the launcher lives with the platform. */
export { startPlatform } from '@emporium/local/launcher';
export type { RunningPlatform } from '@emporium/local/launcher';
