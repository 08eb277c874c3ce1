import * as z from 'zod/mini';

/**
 * ISO 4217 currency codes, frozen (Node 20's Intl list): the API's enum must not change with the
 * ICU data of whichever Node.js runs the generator.
 */
export const CURRENCIES = [
  'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BHD', 'BIF',
  'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CLP', 'CNY', 'COP', 'CRC',
  'CUC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL',
  'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HRK', 'HTG', 'HUF', 'IDR', 'ILS', 'INR', 'IQD', 'IRR',
  'ISK', 'JMD', 'JOD', 'JPY', 'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR',
  'LRD', 'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR',
  'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'PYG', 'QAR',
  'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SLL', 'SOS', 'SRD', 'SSP',
  'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD',
  'UYU', 'UZS', 'VES', 'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XCG', 'XDR', 'XOF', 'XPF', 'XSU', 'YER', 'ZAR', 'ZMW',
  'ZWG', 'ZWL',
] as const;

/** Largest amount in minor units: 100 million in the major unit. */
export const MAX_AMOUNT_MINOR_UNITS = 100_000_000_00;

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(CURRENCIES);

/**
 * An ISO 4217 code. Checked against the list, typed as a string (a union of 162 literals helps no
 * caller); the list is published as the JSON Schema `enum` (documents and gateway models).
 */
export const currency = z
  .string()
  .check(
    z.refine((code) => KNOWN_CURRENCIES.has(code), 'Expected an ISO 4217 currency code such as "EUR"'),
    z.meta({ description: 'ISO 4217 currency code', example: 'EUR', enum: [...CURRENCIES] }),
  );

/**
 * The one money shape of every service: integer minor units (cents) plus an ISO 4217 currency, so
 * amounts are exact and a price, a line total and an order total read alike.
 */
export const money = z
  .strictObject({
    amount: z
      .number()
      .check(
        z.int('Expected an integer (minor units, e.g. cents)'),
        z.gte(0),
        z.lte(MAX_AMOUNT_MINOR_UNITS),
        z.meta({ description: 'Amount in minor units (cents for EUR): 1999 is 19.99', example: 1999 }),
      ),
    currency,
  })
  .check(z.meta({ id: 'Money', description: 'An amount of money: integer minor units and an ISO 4217 currency.' }));

export type Money = z.output<typeof money>;
