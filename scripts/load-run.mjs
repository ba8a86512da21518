// A bounded load run against the local stack (issue 14): LOAD_CLIENTS contacts at once for
// LOAD_SECONDS, each listing its documents, taking view/download links (and now and then
// reading a few bytes through one), and sometimes uploading a small PDF (then asking how it
// stands, as the page does). Then it checks the end state: every contact's documents, every
// contact's sharedCount against the real shares, each share's open and download counts, the
// matters' documents, the event log, the digests (events and mail) and the stack's logs.
//
// Needs a running stack (scripts/load-run.sh starts one): PORTAL_URL, AWS_ENDPOINT_URL and
// STAFF_TOKEN in the environment. Loopback only. Prints Markdown on stdout (progress on
// stderr), also to LOAD_REPORT when set. Exit 0 only with no error and no mismatch.

import os from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { apiCaller, sentMail } from "./local-api.mjs";

const base = process.env.PORTAL_URL;
const emulator = process.env.AWS_ENDPOINT_URL;
const staffToken = process.env.STAFF_TOKEN;
const whole = (raw, fallback) => {
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive whole number: ${raw}`);
  return n;
};
const CLIENTS = whole(process.env.LOAD_CLIENTS, 20);
const SECONDS = whole(process.env.LOAD_SECONDS, 60);
// How long the checks wait for the bridge to attach the last uploads.
const ATTACH_WAIT_SECONDS = whole(process.env.LOAD_ATTACH_WAIT, 120);
// No single request may hold a client past the deadline for long.
const REQUEST_TIMEOUT_MS = 60_000;
// Setup, the run, in-flight requests and the checks, with room to spare; then it gives up.
const HARD_TIMEOUT_MS = (SECONDS + 1200) * 1000;
const FIRM_DOCUMENTS = 6; // per matter
const run = Math.random().toString(36).slice(2, 8);

const isLoopback = (url) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
for (const [name, url] of [["PORTAL_URL", base], ["AWS_ENDPOINT_URL", emulator]]) {
  if (!url || !isLoopback(url)) throw new Error(`${name} must be a loopback URL, not ${url}`);
}
if (!staffToken) throw new Error("STAFF_TOKEN is not set");

const hardTimeout = setTimeout(() => {
  console.error(`load run: hard timeout after ${HARD_TIMEOUT_MS / 1000} s`);
  process.exit(3);
}, HARD_TIMEOUT_MS);
hardTimeout.unref();

const progress = (text) => console.error(`load run: ${text}`);

// moto's resident memory (LOAD_MOTO_PID, from load-run.sh), in MiB: it keeps every object it
// ever made, so it grows with every transaction.
function motoMiB() {
  const pid = process.env.LOAD_MOTO_PID;
  if (!pid) return NaN;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(kb) / 1024;
  } catch {
    return NaN;
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (list) => list[Math.floor(Math.random() * list.length)];

// ---- setup and checks: plain calls that throw on anything but 2xx --------------------------

const call = apiCaller(base, { timeoutMs: REQUEST_TIMEOUT_MS });

// Reads (GETs) outside the load are tried again after a 5xx or a network error, up to three
// times: a check must not fail on one hiccup of the emulators. Every retry is kept and
// printed with the report.
const retried = [];
async function read(path, token) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call("GET", path, token);
    } catch (err) {
      const transient = !/: [1-4]\d\d /.test(err.message);
      if (!transient || attempt === 3) throw err;
      retried.push(err.message.slice(0, 300));
      await sleep(1000);
    }
  }
}

// Every item of a paginated list.
async function all(path, token) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await read(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      token,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const pdf = (label, size) => {
  const head = `%PDF-1.7\n% ${label}\n`;
  return head + "x".repeat(Math.max(0, size - head.length));
};

// ---- the scenario ---------------------------------------------------------------------------

const owner = { id: "u-load", email: "owner@firm.example", name: "Olive Owner" };
const matters = ["a", "b"].map((m) => `load-${run}-${m}`);
const contacts = Array.from({ length: CLIENTS }, (_, i) => ({
  index: i,
  id: `load-${run}-c${i}`,
  email: `load-${run}-c${i}@client.example`,
  // Half may download, half only view: both kinds of link are taken.
  canDownload: i % 2 === 0,
  session: null,
  // Firm documents shared with the contact, by matter.
  firm: new Map(matters.map((m) => [m, new Set()])),
  // Every upload intent it was given: { uploadId, matterId, putOk, status }.
  uploads: [],
  // Successful links by document: { view, download }.
  links: new Map(),
}));
const firmDocuments = new Map(matters.map((m) => [m, []]));
// File names by document id: what the digests name.
const fileNames = new Map();

async function setUp() {
  for (const [n, matter] of matters.entries()) {
    await call("PUT", `/matters/${matter}`, staffToken, { title: `Load ${run} ${n}`, owner });
    for (const c of contacts) {
      await call("PUT", `/matters/${matter}/contacts/${c.id}`, staffToken, {
        email: c.email,
        name: `Load Client ${c.index}`,
        canDownload: c.canDownload,
      });
    }
    for (let d = 0; d < FIRM_DOCUMENTS; d++) {
      const size = 2048;
      const upload = await call("POST", `/matters/${matter}/documents`, staffToken, {
        fileName: `Firm ${n}-${d}.pdf`,
        contentType: "application/pdf",
        size,
      });
      const put = await fetch(upload.url, {
        method: "PUT",
        headers: { "content-type": "application/pdf" },
        body: pdf(`firm ${matter} ${d}`, size),
      });
      if (!put.ok) throw new Error(`PUT firm document: ${put.status} ${await put.text()}`);
      firmDocuments.get(matter).push(upload.documentId);
      fileNames.set(upload.documentId, `Firm ${n}-${d}.pdf`);
    }
  }
  progress(`${matters.length} matters, ${CLIENTS} contacts granted on each; waiting for documents`);
  for (const matter of matters) {
    for (let tries = 0; ; tries++) {
      const listed = await all(`/matters/${matter}/documents`, staffToken);
      if (listed.filter((d) => d.status === "available").length === FIRM_DOCUMENTS) break;
      if (tries > 600) throw new Error(`documents of ${matter} never became available`);
      await sleep(100);
    }
  }
  // Overlapping subsets: every contact has a different mix per matter, some none on one.
  const [a, b] = matters;
  const plan = [
    [a, firmDocuments.get(a).slice(0, 4), contacts],
    [a, firmDocuments.get(a).slice(4), contacts.filter((c) => c.index % 2 === 0)],
    [b, firmDocuments.get(b).slice(0, 3), contacts.filter((c) => c.index % 3 !== 2)],
    [b, firmDocuments.get(b).slice(3), contacts.filter((c) => c.index % 2 === 1)],
  ];
  for (const [matter, documentIds, chosen] of plan) {
    // At most 50 contacts per share call.
    for (let i = 0; i < chosen.length; i += 50) {
      const group = chosen.slice(i, i + 50);
      await call("POST", `/matters/${matter}/shares`, staffToken, {
        documentIds,
        contactIds: group.map((c) => c.id),
      });
      for (const c of group) for (const d of documentIds) c.firm.get(matter).add(d);
    }
  }
  progress("shared; signing the contacts in from their invitation mail");
  await signIn();
  // The checks read the event log: its function is built and started now, not then.
  await call("GET", `/matters/${matters[0]}/events?limit=1`, staffToken);
  const started = performance.now();
  await settleBridge(contacts[0]);
  // Every digest of the setup (shares to the contacts, the probe to the owner) sent.
  if (!(await settleOutbox(false, 300))) throw new Error("the setup's digests did not all go out in 300 s");
  return performance.now() - started;
}

// The local bridge serves its sources one after another (S3 events, the table's stream, the
// digest queue), each until it is empty, so the setup's share events and then their digests
// would hold the run's first uploads back. An upload made now and seen attached means the
// bridge has caught up with the stream; the setup's digests are awaited next.
async function settleBridge(c) {
  const started = performance.now();
  const matterId = matters[0];
  const size = 1024;
  const intent = await call("POST", `/portal/matters/${matterId}/uploads`, c.session, {
    fileName: "Probe.pdf",
    contentType: "application/pdf",
    size,
  });
  const headers = Object.fromEntries(
    Object.entries(intent.headers ?? {}).filter(([k]) => k.toLowerCase() !== "content-length"),
  );
  const put = await fetch(intent.url, { method: "PUT", headers, body: pdf("probe", size) });
  if (!put.ok) throw new Error(`PUT probe upload: ${put.status} ${await put.text()}`);
  c.uploads.push({ uploadId: intent.uploadId, matterId, putOk: true, status: null, fileName: "Probe.pdf" });
  for (;;) {
    const answer = await read(`/portal/matters/${matterId}/uploads/${intent.uploadId}`, c.session);
    if (answer.status === "attached") break;
    if (answer.status !== "pending") throw new Error(`probe upload ${answer.status}: ${answer.rejectionReason}`);
    if (performance.now() - started > 600_000) throw new Error("the bridge did not attach the probe upload in 600 s");
    await sleep(500);
  }
  c.uploads[c.uploads.length - 1].status = "attached";
}

// The mail moto captured, as the browser tests read it: from moto's dump of every object it
// ever made (every item copy of every transaction too), so it grows with the run and moto
// answers nothing else meanwhile. A dump that takes longer than `timeoutMs` is not asked
// for again (it would queue behind itself): null.
async function mailbox(timeoutMs) {
  try {
    return await sentMail(emulator, { timeoutMs });
  } catch (err) {
    if (err.name === "TimeoutError") return null;
    throw err;
  }
}

// What the digests to `address` told, one file name per line matched, across every mail.
function told(messages, address, line) {
  return messages
    .filter((m) => (m.destinations?.ToAddresses ?? []).includes(address))
    .flatMap((m) => [...String(m.body ?? "").matchAll(line)].map((x) => x[1]));
}

const SHARED_LINE = /^ {2}- shared with you: (.+)$/gm;
const UPLOADED_LINE = /^ {2}- .+ uploaded "(.+)"$/gm;

// What each recipient should be told, per matter: the firm documents shared with a contact,
// and every attached upload to the owner (the notify list defaults to the owner).
function toBeTold() {
  const wanted = [];
  for (const matter of matters) {
    for (const c of contacts) {
      wanted.push({ matter, who: c.email, line: SHARED_LINE, names: [...c.firm.get(matter)].map((id) => fileNames.get(id)) });
    }
    const uploads = contacts.flatMap((c) => c.uploads.filter((u) => u.matterId === matter && u.status === "attached"));
    wanted.push({ matter, who: owner.email, line: UPLOADED_LINE, names: uploads.map((u) => u.fileName) });
  }
  return wanted;
}

// Items told per matter and address, from the matters' `notificationSent` events ("3 items to
// x@y"), which the sender writes after each digest went out.
async function toldCounts() {
  const counts = new Map();
  for (const matter of matters) {
    for (const e of await all(`/matters/${matter}/events?type=notificationSent`, staffToken)) {
      const [, n, address] = /^(\d+) items? to (.+)$/.exec(e.detail ?? "") ?? [];
      const key = `${matter} ${String(address).toLowerCase()}`;
      counts.set(key, (counts.get(key) ?? 0) + Number(n ?? NaN));
    }
  }
  return counts;
}

// Waits (bounded) until the event log says every share and every attached upload was told to
// its recipient. The final call then compares the mail itself name for name: each exactly
// once, nothing else. It reads moto's state dump only then, once: moto serves nothing else
// while it dumps (many seconds once the table is large). Answers whether the counts agree.
async function settleOutbox(final, waitSeconds) {
  const wanted = toBeTold();
  const until = performance.now() + waitSeconds * 1000;
  let counts;
  let agree = false;
  for (;;) {
    counts = await toldCounts();
    const got = (w) => counts.get(`${w.matter} ${w.who.toLowerCase()}`) ?? 0;
    agree = wanted.every((w) => got(w) === w.names.length);
    // More than wanted will not get better by waiting.
    const short = wanted.some((w) => got(w) < w.names.length);
    if (!short || performance.now() > until) break;
    await sleep(3000);
  }
  if (!final) return agree;
  for (const w of wanted) {
    const got = counts.get(`${w.matter} ${w.who.toLowerCase()}`) ?? 0;
    expect("notificationSent events: items told = items to tell", got === w.names.length,
      `${w.who} on ${w.matter}: ${got} told, ${w.names.length} to tell`);
  }
  const dumped = performance.now();
  const messages = await mailbox(MAIL_DUMP_SECONDS * 1000);
  mailDumpSeconds = (performance.now() - dumped) / 1000;
  if (!messages) return agree;
  for (const who of new Set(wanted.map((w) => w.who))) {
    const mine = wanted.filter((w) => w.who === who);
    const got = told(messages, who, mine[0].line).sort();
    const want = mine.flatMap((w) => w.names).sort();
    expect(MAIL_CHECK, JSON.stringify(got) === JSON.stringify(want),
      `${who}: told ${got.length} [${got.join(", ")}], wanted ${want.length} [${want.join(", ")}]`);
  }
  return agree;
}
let mailDumpSeconds = NaN;
// The longest the last check waits for moto's dump before it leaves the mail unread.
const MAIL_DUMP_SECONDS = 180;
const MAIL_CHECK = "digest mail: every share and upload told once";

// As the browser tests do: the invitation link from the mail moto captured, spent for a
// session. Granted on both matters under one address, one session reaches both.
async function signIn() {
  const messages = await mailbox(60_000);
  if (!messages) throw new Error("moto's mail dump took over 60 s");
  for (const c of contacts) {
    const mail = messages.filter(
      (m) => (m.destinations?.ToAddresses ?? []).includes(c.email) && m.body.includes("#invite="),
    );
    if (mail.length === 0) throw new Error(`no invitation mail to ${c.email}`);
    const token = /#invite=([A-Za-z0-9_-]+)/.exec(mail[mail.length - 1].body)[1];
    c.session = (await call("POST", "/portal/sessions", null, { invitation: token })).session;
    const reached = (await call("GET", "/portal/matters", c.session)).items.map((m) => m.matterId);
    if (reached.length !== matters.length) {
      throw new Error(`${c.id} reaches ${reached.join(", ")}, not both matters`);
    }
  }
}

// ---- the load -------------------------------------------------------------------------------

const OPERATIONS = {
  list: "GET /portal/documents",
  link: "POST /portal/documents/{d}/links",
  read: "GET presigned URL (16 bytes)",
  intent: "POST /portal/matters/{m}/uploads",
  put: "PUT presigned URL (1 KiB PDF)",
  status: "GET /portal/matters/{m}/uploads/{u}",
};
// How often a client with an upload in flight asks how it stands (the page polls too).
const POLL_EVERY_MS = 2000;
// The stack's digest window (local-stack.sh exports it): how long the last digests may take.
const DIGEST_WINDOW = whole(process.env.DIGEST_WINDOW, 30);
const stats = Object.fromEntries(
  Object.keys(OPERATIONS).map((op) => [op, { samples: [], errors: 0, examples: [] }]),
);

// One timed request of the load; any non-2xx, network error or failed `check` is an error.
// Answers the body (text) on success, null on error.
async function timed(op, url, init = {}, check = () => null) {
  const start = performance.now();
  let problem = null;
  let text = null;
  try {
    if (!isLoopback(url)) throw new Error(`refused to leave loopback: ${url}`);
    const answer = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    text = await answer.text();
    problem = answer.ok ? check(text, answer) : `${answer.status} ${text.slice(0, 400)}`;
  } catch (err) {
    // No answer (refused, reset, timed out), or an answer the check could not read.
    problem = `${err.cause?.code ?? err.name}: ${err.cause?.message ?? err.message}`;
  }
  const s = stats[op];
  s.samples.push(performance.now() - start);
  if (problem) {
    s.errors++;
    if (s.examples.length < 5) s.examples.push(`${init.method ?? "GET"} ${url.split("?")[0]}: ${problem}`);
    return null;
  }
  return text;
}

const json = (text) => {
  try {
    return [JSON.parse(text), null];
  } catch {
    return [null, `not JSON: ${text.slice(0, 200)}`];
  }
};

function portal(c, method, path, body) {
  return {
    url: `${base}${path}`,
    init: {
      method,
      headers: {
        authorization: `Bearer ${c.session}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    },
  };
}

// Whether the contact may see this document: shared with it, or one of its own uploads.
const mine = (c, id) =>
  [...c.firm.values()].some((s) => s.has(id)) || c.uploads.some((u) => u.uploadId === id);

async function listDocuments(c, visible) {
  const { url, init } = portal(c, "GET", "/portal/documents");
  let items = null;
  await timed("list", url, init, (text) => {
    const [page, bad] = json(text);
    if (bad) return bad;
    // A document not shared with this contact is a leak, whatever else the run finds.
    const foreign = page.items.filter((d) => !mine(c, d.documentId)).map((d) => d.documentId);
    if (foreign.length) return `documents not shared with ${c.id}: ${foreign.join(", ")}`;
    items = page.items;
    return null;
  });
  if (items) visible.splice(0, visible.length, ...items.map((d) => d.documentId));
}

async function takeLink(c, visible) {
  const documentId = pick(visible);
  // A view-only contact asks only for views (a download is a 403 by design).
  const disposition = c.canDownload && Math.random() < 0.3 ? "download" : "view";
  const { url, init } = portal(c, "POST", `/portal/documents/${documentId}/links`, { disposition });
  let link = null;
  await timed("link", url, init, (text) => {
    const [answer, bad] = json(text);
    if (bad) return bad;
    if (typeof answer.url !== "string") return `no url: ${text.slice(0, 200)}`;
    link = answer.url;
    return null;
  });
  if (!link) return;
  const counted = c.links.get(documentId) ?? { view: 0, download: 0 };
  counted[disposition]++;
  c.links.set(documentId, counted);
  // Now and then read the first bytes, as the browser would open the document.
  if (Math.random() < 0.25) {
    await timed("read", link, { headers: { range: "bytes=0-15" } }, (text) =>
      text.startsWith("%PDF-") ? null : `not the PDF: ${JSON.stringify(text.slice(0, 16))}`,
    );
  }
}

async function upload(c) {
  const matterId = pick(matters);
  const size = 1024;
  const n = c.uploads.length;
  const fileName = `Client ${c.index} upload ${n}.pdf`;
  const { url, init } = portal(c, "POST", `/portal/matters/${matterId}/uploads`, {
    fileName,
    contentType: "application/pdf",
    size,
  });
  let intent = null;
  await timed("intent", url, init, (text) => {
    const [answer, bad] = json(text);
    if (bad) return bad;
    if (typeof answer.url !== "string" || typeof answer.uploadId !== "string") {
      return `incomplete intent: ${text.slice(0, 200)}`;
    }
    intent = answer;
    return null;
  });
  if (!intent) return;
  const record = { uploadId: intent.uploadId, matterId, putOk: false, status: null, fileName };
  c.uploads.push(record);
  // The signed headers, as the page sends them; fetch sets content-length from the body.
  const headers = Object.fromEntries(
    Object.entries(intent.headers ?? {}).filter(([k]) => k.toLowerCase() !== "content-length"),
  );
  const body = pdf(`upload ${c.id} ${n}`, size);
  record.putOk =
    (await timed("put", intent.url, { method: intent.method ?? "PUT", headers, body })) !== null;
  record.sentAt = performance.now();
}

// As the page does after an upload: asks how it stands until attached (or refused), and
// notes how long after its PUT it was first seen attached.
async function pollUpload(c) {
  // The pending upload asked about least recently: several in flight are asked in turn.
  const [u] = c.uploads
    .filter((x) => x.putOk && !x.status)
    .sort((x, y) => (x.polledAt ?? 0) - (y.polledAt ?? 0));
  const { url, init } = portal(c, "GET", `/portal/matters/${u.matterId}/uploads/${u.uploadId}`);
  c.polledAt = u.polledAt = performance.now();
  await timed("status", url, init, (text) => {
    const [answer, bad] = json(text);
    if (bad) return bad;
    seen(u, answer);
    return null;
  });
}

// Notes an upload's status answer: once it is no longer pending, when it got there.
const attachTimes = [];
function seen(u, answer) {
  if (answer.status === "pending" || u.status) return;
  u.status = answer.status;
  u.rejectionReason = answer.rejectionReason;
  if (answer.status === "attached") attachTimes.push(performance.now() - u.sentAt);
}

async function client(c, deadline) {
  const visible = [...c.firm.values()].flatMap((s) => [...s]);
  while (performance.now() < deadline) {
    const roll = Math.random();
    const waiting = c.uploads.some((u) => u.putOk && !u.status);
    if (waiting && performance.now() - (c.polledAt ?? 0) > POLL_EVERY_MS) await pollUpload(c);
    else if (roll < 0.45) await listDocuments(c, visible);
    else if (roll < 0.9 && visible.length) await takeLink(c, visible);
    else await upload(c);
  }
}

// ---- the checks -----------------------------------------------------------------------------

const checks = new Map(); // name -> { items, mismatches: [] }
function expect(name, ok, detail) {
  const check = checks.get(name) ?? { items: 0, mismatches: [] };
  check.items++;
  if (!ok) check.mismatches.push(detail);
  checks.set(name, check);
}

const sameSet = (got, want) => got.size === want.size && [...want].every((x) => got.has(x));
const difference = (got, want) => {
  const missing = [...want].filter((x) => !got.has(x));
  const extra = [...got].filter((x) => !want.has(x));
  return `missing [${missing.join(", ")}], extra [${extra.join(", ")}]`;
};

// Waits (bounded) until the bridge has handled every upload whose bytes went up.
async function settleUploads() {
  const uploads = contacts.flatMap((c) => c.uploads.map((u) => ({ c, u })));
  const until = performance.now() + ATTACH_WAIT_SECONDS * 1000;
  let pending = uploads.filter(({ u }) => !u.status);
  while (pending.length) {
    const still = [];
    for (let i = 0; i < pending.length; i += 8) {
      await Promise.all(
        pending.slice(i, i + 8).map(async ({ c, u }) => {
          const answer = await read(`/portal/matters/${u.matterId}/uploads/${u.uploadId}`, c.session);
          if (u.putOk) seen(u, answer);
          else u.status = answer.status;
          // An intent whose PUT failed stays pending: nothing more to wait for.
          if (answer.status === "pending" && u.putOk) still.push({ c, u });
        }),
      );
    }
    pending = still;
    if (!pending.length || performance.now() > until) break;
    await sleep(1000);
  }
  for (const { c, u } of uploads) {
    if (!u.putOk) continue;
    expect(
      "every upload with a 2xx PUT is attached",
      u.status === "attached",
      `${c.id} upload ${u.uploadId} on ${u.matterId}: ${u.status ?? "still pending"}${u.rejectionReason ? ` (${u.rejectionReason})` : ""}`,
    );
  }
  return uploads;
}

// What a contact should have on a matter: the firm documents shared with it and its own
// uploads that were attached.
const expectedShares = (c, matter) =>
  new Set([
    ...c.firm.get(matter),
    ...c.uploads.filter((u) => u.matterId === matter && u.status === "attached").map((u) => u.uploadId),
  ]);

async function verify() {
  const uploads = await settleUploads();
  const settled = performance.now();
  progress("uploads settled; reading everything back");

  for (const c of contacts) {
    const listed = await all("/portal/documents", c.session);
    const ids = new Set(listed.map((d) => d.documentId));
    expect("portal list has no duplicates", ids.size === listed.length, `${c.id}: ${listed.length} items, ${ids.size} ids`);
    const want = new Set(matters.flatMap((m) => [...expectedShares(c, m)]));
    expect("portal list = shared + own attached uploads", sameSet(ids, want), `${c.id}: ${difference(ids, want)}`);
  }

  for (const matter of matters) {
    const access = new Map((await all(`/matters/${matter}/contacts`, staffToken)).map((a) => [a.contactId, a]));
    for (const c of contacts) {
      const shares = await all(`/matters/${matter}/shares?contactId=${c.id}`, staffToken);
      const ids = new Set(shares.map((s) => s.documentId));
      const want = expectedShares(c, matter);
      expect("staff shares of a contact = expected", sameSet(ids, want) && ids.size === shares.length,
        `${c.id} on ${matter}: ${difference(ids, want)}`);
      const counted = access.get(c.id)?.sharedCount;
      expect("sharedCount = real shares", counted === shares.length,
        `${c.id} on ${matter}: sharedCount ${counted}, shares ${shares.length}`);
      for (const s of shares) {
        const links = c.links.get(s.documentId) ?? { view: 0, download: 0 };
        expect("share openCount = links taken", s.openCount === links.view + links.download,
          `${c.id} ${s.documentId}: openCount ${s.openCount}, links ${links.view + links.download}`);
        expect("share downloadCount = download links", s.downloadCount === links.download,
          `${c.id} ${s.documentId}: downloadCount ${s.downloadCount}, downloads ${links.download}`);
      }
      // The log: one event per link and per attached upload, for this contact on this matter.
      const events = await all(
        `/matters/${matter}/events?contactId=${c.id}&type=${encodeURIComponent("documentViewed,documentDownloaded,uploadAttached")}`,
        staffToken,
      );
      const count = (type) => events.filter((e) => e.type === type).length;
      const onMatter = [...c.links].filter(([d]) => want.has(d)).map(([, l]) => l);
      const views = onMatter.reduce((n, l) => n + l.view, 0);
      const downloads = onMatter.reduce((n, l) => n + l.download, 0);
      const attached = c.uploads.filter((u) => u.matterId === matter && u.status === "attached").length;
      expect("events = links and uploads", count("documentViewed") === views &&
        count("documentDownloaded") === downloads && count("uploadAttached") === attached,
        `${c.id} on ${matter}: viewed ${count("documentViewed")}/${views}, downloaded ${count("documentDownloaded")}/${downloads}, uploads ${count("uploadAttached")}/${attached}`);
    }
    const documents = await all(`/matters/${matter}/documents`, staffToken);
    const ids = new Set(documents.map((d) => d.documentId));
    const want = new Set([
      ...firmDocuments.get(matter),
      ...uploads.filter(({ u }) => u.matterId === matter && u.status === "attached").map(({ u }) => u.uploadId),
    ]);
    expect("matter documents = firm + attached uploads", sameSet(ids, want) && ids.size === documents.length,
      `${matter}: ${difference(ids, want)}`);
    for (const d of documents) {
      const from = uploads.find(({ u }) => u.uploadId === d.documentId);
      expect("matter documents available, portal uploads by their uploader", d.status === "available" &&
        (from ? d.origin === "portal" && d.uploadedBy?.id === from.c.id : d.origin === "firm"),
        `${matter} ${d.documentId}: ${d.status}, ${d.origin}, by ${d.uploadedBy?.id}`);
    }
  }
  return settled;
}

// What no answer shows: a function's logged error or panic, a delivery the bridge failed.
function checkLogs() {
  const logs = process.env.LOAD_LOGS;
  if (logs) {
    const logLines = (file) => readFileSync(`${logs}/${file}`, "utf8").split("\n");
    const bad = logLines("watch.log").filter((l) => / ERROR |panicked/.test(l));
    expect("function logs: no ERROR or panic", bad.length === 0, `${bad.length} lines, first: ${bad[0]}`);
    const failed = logLines("bridge.log").filter((l) => l.startsWith("bridge:"));
    expect("bridge: no failed delivery", failed.length === 0, `${failed.length} lines, first: ${failed[0]}`);
  }
}

// ---- report ---------------------------------------------------------------------------------

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (x) => (Number.isNaN(x) ? "–" : `${x.toFixed(1)} ms`);

const lines = [];
const out = (line = "") => {
  lines.push(line);
  console.log(line);
};

async function main() {
  const cpus = os.cpus();
  out(`# Load run: ${CLIENTS} clients x ${SECONDS} s against the local stack`);
  out();
  out(`Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} ` +
    `before the run; Node ${process.version}; debug builds, moto (one request at a time), ` +
    `cargo lambda watch, the dev server and the bridge on this machine.`);

  progress(`setting up (run ${run})`);
  const quietAfter = await setUp();
  const shared = contacts.reduce((n, c) => n + [...c.firm.values()].reduce((k, s) => k + s.size, 0), 0);
  out();
  out(`Setup through the staff API: ${matters.length} matters, ${FIRM_DOCUMENTS} firm PDFs each, ` +
    `${CLIENTS} contacts granted on both (half may download), ${shared} shares, one session per contact ` +
    `from its invitation mail; then a probe upload, and every digest of the setup sent ` +
    `${(quietAfter / 1000).toFixed(1)} s later: the run starts from a quiet stack.`);

  progress(`${CLIENTS} clients for ${SECONDS} s`);
  const motoBefore = motoMiB();
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(contacts.map((c) => client(c, deadline)));
  const elapsed = (performance.now() - started) / 1000;

  out();
  out(`## Load (${elapsed.toFixed(1)} s until the last in-flight request ended)`);
  out();
  out("| operation | count | throughput | p50 | p99 | max | errors |");
  out("|---|---:|---:|---:|---:|---:|---:|");
  let total = 0;
  let errors = 0;
  for (const [op, s] of Object.entries(stats)) {
    const sorted = [...s.samples].sort((x, y) => x - y);
    total += sorted.length;
    errors += s.errors;
    out(`| \`${OPERATIONS[op]}\` | ${sorted.length} | ${(sorted.length / elapsed).toFixed(1)} req/s | ` +
      `${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 99))} | ${ms(sorted[sorted.length - 1] ?? NaN)} | ${s.errors} |`);
  }
  out(`| all | ${total} | ${(total / elapsed).toFixed(1)} req/s | | | | ${errors} |`);
  const examples = Object.entries(stats).flatMap(([op, s]) => s.examples.map((e) => `${op}: ${e}`));
  if (examples.length) {
    out();
    out("First errors:");
    out();
    for (const e of examples.slice(0, 10)) out(`- ${e.replaceAll("\n", " ")}`);
  }

  progress("checking the end state");
  const checkStarted = performance.now();
  const settled = await verify();
  const readBack = performance.now();
  progress("waiting for the digests");
  await settleOutbox(true, DIGEST_WINDOW + 150);
  const toldAt = performance.now();
  checkLogs();
  const uploadsOk = contacts.reduce((n, c) => n + c.uploads.filter((u) => u.status === "attached").length, 0);
  const seconds = (from, to) => ((to - from) / 1000).toFixed(1);
  const attach = [...attachTimes].sort((x, y) => x - y);
  out();
  out(`## End state`);
  out();
  out(`${uploadsOk} uploads attached (the probe among them). From its PUT's answer until first seen ` +
    `attached (clients ask every ${POLL_EVERY_MS / 1000} s, the checks every 1 s): p50 ` +
    `${ms(percentile(attach, 50))}, p99 ${ms(percentile(attach, 99))}, max ${ms(attach[attach.length - 1] ?? NaN)} ` +
    `over ${attach.length}. The checks waited ${seconds(checkStarted, settled)} s for uploads still pending ` +
    `after the run, read everything back in ${seconds(settled, readBack)} s and had every digest ` +
    `${seconds(readBack, toldAt)} s later (window ${DIGEST_WINDOW} s; of that, ${mailDumpSeconds.toFixed(1)} s ` +
    `was one read of moto's mail dump, during which moto serves nothing else${checks.has(MAIL_CHECK) ? "" :
      `; it took over ${MAIL_DUMP_SECONDS} s, so the mail was NOT compared, only the events`}); load average now ` +
    `${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; moto's memory ${motoBefore.toFixed(0)} MiB before the ` +
    `run, ${motoMiB().toFixed(0)} MiB now.`);
  out();
  out("| check | items | mismatches |");
  out("|---|---:|---:|");
  let mismatches = 0;
  for (const [name, check] of checks) {
    mismatches += check.mismatches.length;
    out(`| ${name} | ${check.items} | ${check.mismatches.length} |`);
  }
  const details = [...checks].flatMap(([name, c]) => c.mismatches.slice(0, 5).map((m) => `${name}: ${m}`));
  if (details.length) {
    out();
    out("First mismatches:");
    out();
    for (const d of details.slice(0, 20)) out(`- ${d}`);
  }
  if (retried.length) {
    out();
    out(`Reads of the checks tried again after a 5xx or network error (not counted as errors): ${retried.length}; first:`);
    out();
    for (const r of retried.slice(0, 5)) out(`- ${r.replaceAll("\n", " ")}`);
  }
  out();
  const green = errors === 0 && mismatches === 0;
  out(green ? "Result: green (no errors, no mismatches)." : `Result: FAILED (${errors} errors, ${mismatches} mismatches).`);
  return green;
}

let green = false;
try {
  green = await main();
} catch (err) {
  out();
  out(`Result: FAILED: ${err.stack ?? err}`);
}
if (process.env.LOAD_REPORT) writeFileSync(process.env.LOAD_REPORT, `${lines.join("\n")}\n`);
process.exit(green ? 0 : 1);
