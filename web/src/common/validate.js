// Checks of what people type, before the service (which checks again) is asked.

/**
 * A practical check of an address before asking the service (which checks again).
 * @param {unknown} value
 */
export function looksLikeEmail(value) {
  const v = String(value ?? '').trim();
  if (v.length > 254 || /\s/.test(v)) return false;
  const at = v.lastIndexOf('@');
  if (at <= 0 || at !== v.indexOf('@')) return false;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  return (
    local.length <= 64 &&
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.') &&
    !domain.includes('..')
  );
}
