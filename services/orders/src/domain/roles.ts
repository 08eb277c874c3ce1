import type { Role } from '@emporium/common/auth/context';

/** Who may use orders: customers (their own orders) and admins (every order). */
export const ORDER_ROLES: readonly Role[] = ['customer', 'admin'];
