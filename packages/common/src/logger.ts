import { Logger } from '@aws-lambda-powertools/logger';

let logger: Logger | undefined;

/**
 * The container's one structured logger (Powertools). Created on first use, so importing a module
 * never reads the environment; service name and level come from POWERTOOLS_* variables.
 */
export const getLogger = (): Logger => (logger ??= new Logger());
