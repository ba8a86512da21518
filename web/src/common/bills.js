// Bills and trust requests in words and numbers: money from integer minor units (never a
// float) formatted with Intl, statuses, and the checks of the console's bill form. No DOM;
// tested in test/unit/bills.test.js.

import { t, currentLocale } from './texts.js';

export const STATUS_LABELS = Object.freeze({
  unpaid: 'bill-status-unpaid',
  pastDue: 'bill-status-pastDue',
  paid: 'bill-status-paid',
  requested: 'bill-status-requested',
  received: 'bill-status-received',
  void: 'bill-status-void',
});

/** Statuses a client still owes on (shown first on the portal). */
export const OWED = Object.freeze(['pastDue', 'unpaid', 'requested']);

/** @param {string} status */
export function statusLabel(status) {
  return STATUS_LABELS[status] ? t(STATUS_LABELS[status]) : status;
}

/** Decimal places of a currency's minor unit, as Intl knows them (2 for USD, 0 for JPY). */
export function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "1250.00" from 125000 minor units of a 2-digit currency: exact, as a decimal string. */
export function decimalText(minor, currency) {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * An amount for people: "$1,250.00" in en-US, "1.250,00 US$" in es. Intl formats the exact
 * decimal string, so no float ever stands for money.
 * @param {number} minor
 * @param {string} currency
 * @param {string} [locale]
 */
export function formatMoney(minor, currency, locale = currentLocale()) {
  const text = decimalText(minor, currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(/** @type {any} */ (text));
  } catch {
    return `${currency} ${text}`;
  }
}

/**
 * Typed money ("1,250.50", "1250", "0.5") as integer minor units; null when it is not an
 * amount of that currency (too many decimals, letters, negative).
 * @param {string} typed
 * @param {string} currency
 * @returns {number | null}
 */
export function parseMoney(typed, currency) {
  const digits = minorDigits(currency);
  const text = String(typed ?? '').trim().replace(/[\s,]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1] + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks of the bill form before any request: what each field needs, in words.
 * @param {{number: string, issuedOn: string, dueOn: string, currency: string, total: string, balance: string}} f
 * @returns {{errors: Record<string, string>, body: any | null}}
 */
export function checkBillForm(f) {
  /** @type {Record<string, string>} */
  const errors = {};
  const currency = String(f.currency ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = t('bill-currency');
  if (!String(f.number ?? '').trim()) errors.number = t('bill-number');
  if (!DATE.test(f.issuedOn ?? '')) errors.issuedOn = t('bill-issued');
  if (!DATE.test(f.dueOn ?? '')) errors.dueOn = t('bill-due');
  else if (DATE.test(f.issuedOn ?? '') && f.dueOn < f.issuedOn) errors.dueOn = t('bill-due-before');
  const total = parseMoney(f.total, currency);
  if (total === null) errors.total = t('bill-total');
  const typedBalance = String(f.balance ?? '').trim() !== '';
  const balance = typedBalance ? parseMoney(f.balance, currency) : total;
  if (typedBalance && balance === null) errors.balance = t('bill-balance');
  else if (total !== null && balance !== null && balance > total) errors.balance = t('bill-balance-over');
  if (Object.keys(errors).length) return { errors, body: null };
  return {
    errors,
    body: { number: f.number.trim(), issuedOn: f.issuedOn, dueOn: f.dueOn, currency, totalMinor: total, balanceMinor: balance },
  };
}

/** "Due Jan 31, 2027" (or "Was due …" once past due), the date read as a calendar day. */
export function dueText(bill, locale = currentLocale()) {
  const [y, m, d] = String(bill.dueOn ?? '').split('-').map(Number);
  if (!y || !m || !d) return '';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  return t(bill.status === 'pastDue' ? 'due-was' : 'due-on', { day });
}

/** A contact's bills, owed first (past due before unpaid), then newest sent. */
export function sortForClient(bills) {
  const rank = (b) => {
    const i = OWED.indexOf(b.status);
    return i === -1 ? OWED.length : i;
  };
  return [...bills].sort((a, b) => rank(a) - rank(b) || String(b.sentAt).localeCompare(String(a.sentAt)));
}
