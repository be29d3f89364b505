/**
 * Proves the layer rules of eslint.config.mjs bite: each case lints a small source text as if it
 * lived at the given path in the tree and expects (or not) a `no-restricted-imports` error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: ReadonlyArray<{ path: string; code: string; banned: boolean }> = [
  { path: 'src/domain/lint-probe.ts', code: "import { signal } from '@angular/core';\nexport const s = signal(1);\n", banned: true },
  { path: 'src/domain/lint-probe.ts', code: "import { of } from 'rxjs';\nexport const o = of(1);\n", banned: true },
  { path: 'src/domain/lint-probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", banned: true },
  { path: 'src/domain/sub/lint-probe.ts', code: "import { X } from '../../app/app';\nexport const x = X;\n", banned: true },
  { path: 'src/domain/sub/lint-probe.ts', code: "import { dirSign } from '../frame/level-frame';\nexport const d = dirSign;\n", banned: false },
  { path: 'src/app/lint-probe.ts', code: "import { h } from '../worker/request-handler';\nexport const x = h;\n", banned: true },
  { path: 'src/app/lint-probe.ts', code: "import { p } from '../protocol/messages';\nexport const x = p;\n", banned: false },
  { path: 'src/worker/lint-probe.ts', code: "import { Injectable } from '@angular/core';\nexport const x = Injectable;\n", banned: true },
  { path: 'tools/lint-probe.ts', code: "import { App } from '../src/app/app';\nexport const x = App;\n", banned: true },
];

for (const c of cases) {
  test(`${c.banned ? 'forbids' : 'allows'}: ${c.path} ← ${c.code.split('\n')[0]}`, async () => {
    const messages = await restrictedImportMessages(c.path, c.code);
    if (c.banned) assert.ok(messages.length > 0, 'expected a no-restricted-imports error');
    else assert.deepEqual(messages, []);
  });
}

test('explicit any is an error everywhere', async () => {
  // the offending source lives in a text fixture, so no .ts file of the project contains it
  const probe = readFileSync(resolve(ROOT, 'tools/lint/fixtures/explicit-any.probe.txt'), 'utf8');
  const [result] = await eslint.lintText(probe, { filePath: resolve(ROOT, 'src/domain/lint-probe.ts') });
  assert.ok(result?.messages.some((m) => m.ruleId === '@typescript-eslint/no-explicit-any' && m.severity === 2));
});
