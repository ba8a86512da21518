// Calendar events in words and times: when, in the viewer's zone (and the event's own when it
// differs), the console form's checks and its instants with their offset, the .ics file's
// name. No DOM; tested in test/unit/appointments.test.js.

import { t, currentLocale } from './texts.js';

/** The viewer's IANA zone, as the browser knows it. */
export function viewerZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * "Tue, Jan 5, 2027, 3:00 – 4:30 PM EST" in `zone` (the viewer's by default).
 * @param {{startsAt: string, endsAt: string}} a
 * @param {{locale?: string, zone?: string}} [options]
 */
export function whenText(a, { locale = currentLocale(), zone = viewerZone() } = {}) {
  const start = new Date(a.startsAt);
  const end = new Date(a.endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '';
  const format = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  });
  return format.formatRange(start, end);
}

/** "Set in America/New_York" when the event's zone is not the viewer's; '' when it is. */
export function zoneNote(a, zone = viewerZone()) {
  return a.timeZone && a.timeZone !== zone ? t('event-zone-note', { zone: a.timeZone.replaceAll('_', ' ') }) : '';
}

/**
 * A `datetime-local` value ("2027-01-05T15:00") read in the browser's zone, as RFC 3339 with
 * that moment's offset ("2027-01-05T15:00:00-05:00"); '' when it is not one.
 * @param {string} local
 */
export function withOffset(local) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local ?? '')) return '';
  const at = new Date(local);
  if (Number.isNaN(at.getTime())) return '';
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const pad = (n) => String(n).padStart(2, '0');
  return `${local}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as a `datetime-local` value in the browser's zone (for editing). */
export function toLocalInput(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * Checks of the event form before any request, and the body it sends.
 * @param {{title: string, start: string, end: string, place: string, videoUrl: string, notes: string}} f
 * @param {string} zone the zone the times were typed in
 */
export function checkEventForm(f, zone = viewerZone()) {
  /** @type {Record<string, string>} */
  const errors = {};
  const title = String(f.title ?? '').trim();
  if (!title) errors.title = t('event-title');
  const startsAt = withOffset(f.start);
  const endsAt = withOffset(f.end);
  if (!startsAt) errors.start = t('event-start');
  if (!endsAt) errors.end = t('event-end');
  else if (startsAt && new Date(f.end) <= new Date(f.start)) errors.end = t('event-end-after');
  const videoUrl = String(f.videoUrl ?? '').trim();
  if (videoUrl && !/^https:\/\/[^\s/?#]+/.test(videoUrl)) errors.videoUrl = t('event-link');
  if (Object.keys(errors).length) return { errors, body: null };
  const optional = (v) => (String(v ?? '').trim() ? String(v).trim() : null);
  return {
    errors,
    body: { title, startsAt, endsAt, timeZone: zone, place: optional(f.place), videoUrl: optional(videoUrl), notes: optional(f.notes) },
  };
}

/** "Signing of the will.ics": the title without what a file name may not hold. */
export function icsFileName(title) {
  const safe = String(title ?? '')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${safe || 'event'}.ics`;
}
