// A client generated from openapi.json: openapi-typescript turns the document into types,
// openapi-fetch is the typed client over them, tsc (strict) checks a small program written
// against them, and the program then calls the local stack once. A program that misnames a
// field of an answer must not compile, or the types would prove nothing.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';
import { PORTAL_URL, uid } from './stack.js';

const run = promisify(execFile);
const WEB = fileURLToPath(new URL('../../', import.meta.url));
const DOCUMENT = new URL('../../../openapi.json', import.meta.url);
// Inside web/, so that the program finds web/node_modules; test artifacts are not committed.
const DIR = join(WEB, 'test', 'artifacts', 'typed-client');

/** The program: save a matter's settings, then find it in the matter list. */
function program(titleField) {
  return `import createClient from 'openapi-fetch';
import type { paths } from './api.js';
declare const process: { env: Record<string, string | undefined> };

const client = createClient<paths>({
  baseUrl: process.env.PORTAL_URL,
  headers: { authorization: \`Bearer \${process.env.STAFF_TOKEN}\` },
});
const matterId = process.env.MATTER_ID ?? '';
const saved = await client.PUT('/matters/{matterId}', {
  params: { path: { matterId } },
  body: { title: 'Typed client matter', owner: { id: 'u-typed', email: 'owner@firm.example', name: 'Olive Owner' } },
});
if (!saved.data) throw new Error(JSON.stringify(saved.error));
const title: string = saved.data.${titleField};
const listed = await client.GET('/matters', { params: { query: { q: matterId } } });
if (!listed.data) throw new Error(JSON.stringify(listed.error));
const row = listed.data.items.find((m) => m.matterId === matterId);
console.log(JSON.stringify({ title, owner: saved.data.owner.name, listedContacts: row?.contacts ?? null }));
`;
}

async function compile(source) {
  await writeFile(join(DIR, 'client.ts'), source);
  const tsc = join(WEB, 'node_modules', '.bin', 'tsc');
  const flags = ['--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--outDir', DIR];
  return run(tsc, [...flags, join(DIR, 'client.ts')], { cwd: WEB }).then(
    () => ({ ok: true, output: '' }),
    (error) => ({ ok: false, output: `${error.stdout}${error.stderr}` }),
  );
}

test('a client generated from openapi.json type-checks and calls the local stack', { timeout: 120_000 }, async () => {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  await writeFile(join(DIR, 'package.json'), '{"type": "module"}\n');
  await writeFile(join(DIR, 'api.d.ts'), astToString(await openapiTS(DOCUMENT)));

  const wrong = await compile(program('titel'));
  assert.equal(wrong.ok, false, 'a misnamed field of an answer compiles: the types prove nothing');
  assert.match(wrong.output, /titel/);

  const right = await compile(program('title'));
  assert.equal(right.ok, true, right.output);
  const matterId = `m-typed-${uid()}`;
  const { stdout } = await run(process.execPath, [join(DIR, 'client.js')], {
    env: { ...process.env, PORTAL_URL, MATTER_ID: matterId },
  });
  assert.deepEqual(JSON.parse(stdout), { title: 'Typed client matter', owner: 'Olive Owner', listedContacts: 0 });
});
