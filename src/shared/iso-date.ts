/** A date (`2016-09-18`) or a date-time with its offset (`2016-09-18T10:00:00Z`), as articles carry them. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;
/** Far longer than any ISO 8601 date-time. */
export const MAX_DATE_LENGTH = 64;

/** Whether `value` is an ISO 8601 date or date-time that names a real moment. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_DATE_LENGTH && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}
