import type { Role } from '@emporium/common/auth/context';

/** Who may reserve and release stock: admins, and other services (orders) with a service credential. */
export const STOCK_ROLES: readonly Role[] = ['admin', 'service'];
