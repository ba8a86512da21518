// Latency of the local stack as a person meets it: requests through the dev server to
// `cargo lambda watch` and the emulator. Prints p50/p99 of a warm GET /portal/documents on a
// small matter and of sharing 10 documents with 5 contacts.
//
// Needs a running stack (scripts/measure-run.sh starts one): PORTAL_URL, AWS_ENDPOINT_URL and
// STAFF_TOKEN in the environment. Bounded: a fixed number of requests, then it stops.

import { apiCaller, sentMail } from "./local-api.mjs";

const base = process.env.PORTAL_URL;
const emulator = process.env.AWS_ENDPOINT_URL;
const staff = process.env.STAFF_TOKEN;
const LIST_REQUESTS = Number(process.env.LIST_REQUESTS || 200);
const SHARE_ROUNDS = Number(process.env.SHARE_ROUNDS || 10);
const run = Math.random().toString(36).slice(2, 8);

const call = apiCaller(base);

async function timed(action) {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const PDF = "%PDF-1.7 measured";

// A matter with `documents` available PDFs and `contacts` contacts: their ids.
async function matterWith(name, documents, contacts) {
  const matter = `${name}-${run}`;
  await call("PUT", `/matters/${matter}`, staff, {
    title: `Measured ${name}`,
    owner: { id: "u1", email: "owner@firm.example", name: "Olive Owner" },
  });
  const contactIds = [];
  for (let c = 0; c < contacts; c++) {
    const id = `${matter}-c${c}`;
    await call("PUT", `/matters/${matter}/contacts/${id}`, staff, {
      email: `${id}@client.example`,
      name: `Client ${c}`,
      canDownload: true,
    });
    contactIds.push(id);
  }
  const documentIds = [];
  for (let d = 0; d < documents; d++) {
    const upload = await call("POST", `/matters/${matter}/documents`, staff, {
      fileName: `Document ${d}.pdf`,
      contentType: "application/pdf",
      size: PDF.length,
    });
    const put = await fetch(upload.url, {
      method: "PUT",
      headers: { "content-type": "application/pdf" },
      body: PDF,
    });
    if (!put.ok) throw new Error(`PUT: ${put.status}`);
    documentIds.push(upload.documentId);
  }
  // The trigger makes them available (within the bridge's poll); wait for it.
  for (let tries = 0; ; tries++) {
    const listed = await call("GET", `/matters/${matter}/documents?limit=200`, staff);
    if (listed.items.filter((d) => d.status === "available").length === documents) break;
    if (tries > 200) throw new Error("documents never became available");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { matter, contactIds, documentIds };
}

async function signIn(address) {
  const links = (await sentMail(emulator)).filter(
    (m) => m.destinations.ToAddresses.includes(address) && m.body.includes("#invite="),
  );
  const body = links[links.length - 1].body;
  const token = body.slice(body.indexOf("#invite=") + 8).match(/^[A-Za-z0-9_-]+/)[0];
  return (await call("POST", "/portal/sessions", null, { invitation: token })).session;
}

const shares = [];
let small;
for (let round = 0; round < SHARE_ROUNDS; round++) {
  const scenario = await matterWith(`share${round}`, 10, 5);
  shares.push(
    await timed(() =>
      call("POST", `/matters/${scenario.matter}/shares`, staff, {
        documentIds: scenario.documentIds,
        contactIds: scenario.contactIds,
      }),
    ),
  );
  small ??= scenario;
}

const session = await signIn(`${small.contactIds[0]}@client.example`);
const lists = [];
for (let i = 0; i < 5; i++) await call("GET", "/portal/documents", session); // warm
for (let i = 0; i < LIST_REQUESTS; i++) {
  lists.push(await timed(() => call("GET", "/portal/documents", session)));
}

const row = (name, samples) =>
  `| ${name} | ${samples.length} | ${percentile(samples, 50).toFixed(1)} ms | ${percentile(samples, 99).toFixed(1)} ms |`;
console.log("| request (through the dev server) | samples | p50 | p99 |");
console.log("|---|---|---|---|");
console.log(row("GET /portal/documents, warm, 10 documents", lists));
console.log(row("POST /matters/{m}/shares, 10 documents x 5 contacts", shares));
