/** Who may use their own account: every signed-in person (services have no account). */
export const ACCOUNT_ROLES = ['customer', 'admin'] as const;
