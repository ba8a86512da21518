// The README's walkthrough runs: docs/walkthrough.sh (which the README shows and `make run`
// prints, with its own address and token in the first line) is run step by step against the
// local stack, in order, each step's answer checked against the `#>` line under it. A stale
// command (a header the presigned PUT now needs, a field renamed) fails here.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { PORTAL_URL } from './stack.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url);

/** The script's steps: each block of commands and the answer its `#>` line expects. */
export function steps(script) {
  const blocks = script.split(/\n\s*\n/);
  return blocks.map((block) => {
    const lines = block.split('\n');
    const expected = lines.filter((l) => l.startsWith('#>')).map((l) => l.slice(2).trim());
    const commands = lines.filter((l) => l.trim() && !l.startsWith('#')).join('\n');
    return { commands, expected: expected.length ? expected.join('\n') : null };
  }).filter((s) => s.commands);
}

/** Whether `actual` holds everything `expected` names (objects by key, arrays item by item). */
export function holds(actual, expected) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => holds(actual[i], e));
  }
  if (expected && typeof expected === 'object') {
    return !!actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => holds(actual[k], v));
  }
  return actual === expected;
}

test('the walkthrough parser and matcher', () => {
  const parsed = steps('# a\nexport X=1\n\n# b\ncurl x \\\n  -d y\n#> {"a":1}\n');
  assert.deepEqual(parsed, [
    { commands: 'export X=1', expected: null },
    { commands: 'curl x \\\n  -d y', expected: '{"a":1}' },
  ]);
  assert.ok(holds({ a: 1, b: [{ c: 2, d: 3 }] }, { b: [{ c: 2 }] }));
  assert.ok(!holds({ a: 1 }, { a: 2 }));
  assert.ok(!holds({ b: [1, 2] }, { b: [1] }), 'arrays keep their length');
});

test('the README shows docs/walkthrough.sh and make run prints it', async () => {
  const script = await readFile(new URL('docs/walkthrough.sh', ROOT), 'utf8');
  const readme = await readFile(new URL('README.md', ROOT), 'utf8');
  const block = readme.split('<!-- walkthrough: docs/walkthrough.sh -->')[1]?.split('<!-- /walkthrough -->')[0] ?? '';
  assert.equal(block.trim(), `\`\`\`sh\n${script.trim()}\n\`\`\``, 'the README shows the walkthrough as it is');
  const runScript = await readFile(new URL('scripts/run.sh', ROOT), 'utf8');
  assert.match(runScript, /"\$ROOT\/docs\/walkthrough\.sh"/, 'make run prints the walkthrough');
  assert.doesNotMatch(runScript.split('cat <<HELP')[1] ?? '', /^\s*(curl|jq|printf) /m, 'make run prints no command but the walkthrough');
});

test('every step of the walkthrough runs against the local stack and answers as shown', { timeout: 120_000 }, async () => {
  const script = await readFile(new URL('docs/walkthrough.sh', ROOT), 'utf8');
  const staff = process.env.STAFF_TOKEN;
  // As `make run` prints it: its own address and token in the first line.
  const printed = script.replace(/^export PORTAL=.*$/m, `export PORTAL=${PORTAL_URL} STAFF=${staff}`);
  const dir = await mkdtemp(join(tmpdir(), 'walkthrough-'));
  let done = '';
  for (const step of steps(printed)) {
    // Each step runs after every earlier one, in one directory, as a person's shell would.
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', `${done}\n${step.commands}`], { cwd: dir }).catch((e) => {
      throw new Error(`${step.commands}\nfailed: ${e.stderr || e.message}`);
    });
    if (step.expected !== null) {
      const answer = stdout.trim();
      const got = (() => {
        try {
          return JSON.parse(answer);
        } catch {
          return answer;
        }
      })();
      assert.ok(holds(got, JSON.parse(step.expected)), `${step.commands}\nanswered ${answer}\nexpected ${step.expected}`);
    }
    // Later steps need the earlier ones' variables and files, not their requests again.
    if (/^export /m.test(step.commands)) done += `${step.commands}\n`;
  }
});
