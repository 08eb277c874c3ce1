import type { PageKey } from '@emporium/common/pagination';
import type { Product, ProductChanges } from './domain/product';
import type { Reservation } from './domain/reservation';

export interface ProductPageQuery {
  category?: string;
  limit: number;
  startKey?: PageKey;
}

export interface ProductPage {
  items: Product[];
  lastKey?: PageKey;
}

export interface ProductRepository {
  /** Stores a new product; throws SkuTakenError when another product holds the SKU. */
  create(product: Product): Promise<void>;
  /** `consistent`: a strongly consistent read (reservations price from it). */
  get(id: string, options?: { consistent?: boolean }): Promise<Product | undefined>;
  /** Applies changes if the product is at `expectedVersion`; throws StaleVersionError otherwise. */
  update(id: string, changes: ProductChanges, expectedVersion: number, now: Date): Promise<Product>;
  /**
   * Archives the product if it is at `expectedVersion` (StaleVersionError otherwise); archiving an
   * archived product changes nothing and returns it as stored.
   */
  archive(id: string, expectedVersion: number, now: Date): Promise<Product>;
  /** Active products, newest id last, optionally of one category; no trailing empty page. */
  list(query: ProductPageQuery): Promise<ProductPage>;
}

export type ReserveOutcome = { created: true } | { created: false; existing: Reservation };

export interface ReservationRepository {
  /**
   * Records the reservation and takes every line's stock in one transaction, or nothing; each
   * product must still be active, have the stock and have the line's unit price (PriceChangedError
   * otherwise). When the id exists already, changes nothing and returns the stored reservation.
   */
  reserve(reservation: Reservation, now: Date): Promise<ReserveOutcome>;
  /** Strongly consistent. */
  get(id: string): Promise<Reservation | undefined>;
  /** active -> committed (no longer expires); undefined when it was not active. */
  commit(id: string, now: Date): Promise<Reservation | undefined>;
  /**
   * Marks it released and returns its stock exactly once (from active or committed); false if it
   * was released already. With `expiredBy`, only an active hold whose end is at or before it.
   */
  release(reservation: Reservation, now: Date, options?: { expiredBy?: Date }): Promise<boolean>;
  /** Active holds whose end is at or before `now`, oldest first (an index: eventually consistent). */
  listExpired(now: Date, limit: number): Promise<Reservation[]>;
  /**
   * Records a released reservation with no lines under an id that was never reserved, so a reserve
   * arriving late (after its caller gave up and released) cannot take stock. Undefined when a
   * reservation with that id appeared meanwhile.
   */
  tombstone(id: string, now: Date): Promise<Reservation | undefined>;
}

export interface Deps {
  products: ProductRepository;
  reservations: ReservationRepository;
  /** How long an API v2 reservation holds its stock before it is released unless committed. */
  reservationHoldSeconds: () => number;
  newId: () => string;
  now: () => Date;
  cursorSecret: () => string;
}
