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
  get(id: string): Promise<Product | undefined>;
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
   * Records the reservation and takes every line's stock in one transaction, or nothing.
   * When the id exists already, changes nothing and returns the stored reservation.
   */
  reserve(reservation: Reservation, now: Date): Promise<ReserveOutcome>;
  get(id: string): Promise<Reservation | undefined>;
  /** Marks it released and returns its stock exactly once; false if it was released already. */
  release(reservation: Reservation, now: Date): Promise<boolean>;
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
  newId: () => string;
  now: () => Date;
  cursorSecret: () => string;
}
