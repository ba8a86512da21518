// The plain JSON call the local run scripts (load-run.mjs, measure-run.mjs) make to the
// local stack's API: it throws on anything but 2xx, with the method, path, status and body.

/** A `call(method, path, token, body)` against `base`; `timeoutMs` bounds each request. */
export function apiCaller(base, { timeoutMs } = {}) {
  return async function call(method, path, token, body) {
    const answer = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/**
 * Every mail the emulator accepted, oldest first, in the shape of moto's own records
 * (`destinations.ToAddresses`, `subject`, `body`), read a page at a time from the emulator's
 * mail endpoint (scripts/moto_serial.py). `timeoutMs` bounds each page.
 */
export async function sentMail(emulator, { timeoutMs = 15_000 } = {}) {
  const newestFirst = [];
  for (;;) {
    const url = `${emulator}/_local/mail?limit=200&offset=${newestFirst.length}`;
    const answer = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
    const { items = [] } = await answer.json();
    if (items.length === 0) break;
    newestFirst.push(...items);
  }
  return newestFirst.reverse().map((m) => ({
    subject: m.subject,
    body: m.body,
    destinations: { ToAddresses: m.to, CcAddresses: m.cc, BccAddresses: m.bcc },
  }));
}
