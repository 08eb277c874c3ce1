/** Who may use orders: customers (their own orders) and admins (every order). */
export const ORDER_ROLES = ['customer', 'admin'] as const;
