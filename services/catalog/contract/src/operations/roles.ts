/** Who may reserve and release stock: admins, and other services (orders) with a service credential. */
export const STOCK_ROLES = ['admin', 'service'] as const;
