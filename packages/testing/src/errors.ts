/** What `fn` throws, typed as the error the test expects (to check an error's contract by value); fails when it returns. */
export const thrown = <E = Error>(fn: () => unknown): E => {
  try {
    fn();
  } catch (error) {
    return error as E;
  }
  throw new Error('expected an error');
};
