import { z } from 'zod';

/** Stable identifier of every record an analyst creates (RFC 4122 UUID). */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** An instant, ISO 8601 with time zone (as written by `Date.prototype.toISOString`). */
export const Instant = z.iso.datetime({ offset: true });
/** A calendar date, ISO 8601 `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'a country must be an ISO 3166-1 alpha-2 code such as "KZ"');
export type CountryCode = z.infer<typeof CountryCode>;

/** Lower-case hexadecimal SHA-256 digest. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a file reference must be a SHA-256 digest');
export type Sha256 = z.infer<typeof Sha256>;

export const Timestamps = {
  createdAt: Instant,
  updatedAt: Instant,
};
