/** Key design of catalog's single table (see serverless.yml for the indexes). */
export const productKey = (id: string) => ({ pk: `PRODUCT#${id}`, sk: 'PRODUCT' });
export const skuKey = (sku: string) => ({ pk: `SKU#${sku}`, sk: 'SKU' });
export const reservationKey = (id: string) => ({ pk: `RESERVATION#${id}`, sk: 'RESERVATION' });

/** Index keys of an active product; archived products carry none (sparse indexes). */
export const listingKeys = (id: string, category: string) => ({
  gsi1pk: `CATEGORY#${category}`,
  gsi1sk: id,
  gsi2pk: 'PRODUCTS',
  gsi2sk: id,
});

/**
 * Index keys of an active hold (API v2 reservations) on gsi1, which no product key can take
 * (products use CATEGORY#...): the sweeper queries holds whose end has passed. Committing or
 * releasing removes them (a sparse index: only live holds are in it).
 */
export const HOLDS_PARTITION = 'RESERVATION_HOLDS';
export const holdKeys = (expiresAt: string, id: string) => ({ gsi1pk: HOLDS_PARTITION, gsi1sk: `${expiresAt}#${id}` });
