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
