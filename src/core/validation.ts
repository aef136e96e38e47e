import { isSlug } from './slug';
import { UserErrorCode, userError, type UserErrorValue } from './user-error-values';

export { isDuplicateKeyError } from './duplicate-key';

/** Shared checks for mutation inputs. Each returns the problems it finds; an empty list means valid. */

export function checkSlug(value: string | undefined | null, field: string[]): UserErrorValue[] {
  if (value == null) return [];
  if (!isSlug(value)) {
    return [
      userError(
        field,
        UserErrorCode.INVALID,
        'A slug is 1–120 lower-case letters, digits and single hyphens, e.g. "postgresql" or "api-security".',
      ),
    ];
  }
  return [];
}

/** `required`: must be given; `nonEmpty`: when given, must hold more than white space. */
export function checkText(
  value: string | undefined | null,
  field: string[],
  options: { required?: boolean; nonEmpty?: boolean; max: number },
): UserErrorValue[] {
  if (value == null) return options.required ? [userError(field, UserErrorCode.INVALID, 'This field is required.')] : [];
  if ((options.required || options.nonEmpty) && value.trim().length === 0)
    return [userError(field, UserErrorCode.INVALID, 'This field must not be empty.')];
  if (value.length > options.max) return [userError(field, UserErrorCode.INVALID, `At most ${options.max} characters are allowed.`)];
  return [];
}

/** Only absolute http(s) URLs: `javascript:` and `data:` URLs would be an XSS vector in every client that renders them. */
export function checkHttpUrl(value: string | undefined | null, field: string[], options: { required?: boolean } = {}): UserErrorValue[] {
  if (value == null) return options.required ? [userError(field, UserErrorCode.INVALID, 'This field is required.')] : [];
  let parsed: URL | null;
  try {
    parsed = new URL(value);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || value.length > 2048) {
    return [userError(field, UserErrorCode.INVALID, 'Must be an absolute http:// or https:// URL of at most 2048 characters.')];
  }
  return [];
}

export function checkNumberRange(value: number | undefined | null, field: string[], min: number, max: number): UserErrorValue[] {
  if (value == null) return [];
  if (!Number.isFinite(value) || value < min || value > max) {
    return [userError(field, UserErrorCode.INVALID, `Must be between ${min} and ${max}, got ${value}.`)];
  }
  return [];
}
