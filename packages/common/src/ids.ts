import { monotonicFactory } from 'ulid';
import { once } from './container';

const factory = once(() => monotonicFactory());

/**
 * A new id: a ULID (time-sortable, 26 characters), monotonic within a container, so ids made in the
 * same millisecond still sort by creation. Imported by the handlers of the functions that create
 * records only, so the others' bundles do not hold ulid (docs/adr/0022).
 *
 * @example
 * const product = await createProduct(body, { ...getDeps(), newId });
 */
export const newId = (): string => factory()();
