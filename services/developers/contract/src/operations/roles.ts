/** Who may manage apps: every signed-in person. */
export const SIGNED_IN = ['customer', 'admin'] as const;
