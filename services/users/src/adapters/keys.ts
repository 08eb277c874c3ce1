/** Key design of users' single table (see serverless.yml). Emails arrive normalised (lowercase). */
export const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'USER' });
export const emailKey = (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' });
/** One attempt window per (email, client): all of an email's windows share its partition. */
export const signInKey = (email: string, client: string) => ({ pk: `SIGNIN#${email}`, sk: `CLIENT#${client}` });
