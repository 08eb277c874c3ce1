/** Key design of users' single table (see serverless.yml). Emails arrive normalised (lowercase). */
export const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'USER' });
export const emailKey = (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' });
export const signInKey = (email: string) => ({ pk: `SIGNIN#${email}`, sk: 'SIGNIN' });
