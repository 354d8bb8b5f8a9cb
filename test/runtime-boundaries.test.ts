import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The runtime boundaries are enforced, not remembered: each probe below is what a slip across one
 * looks like, written into a copy of the code (never into this tree, where someone else may be
 * building), and the check that must refuse it is run on the copy. The control runs first: the
 * same checks pass on the copy as it is, so that each probe's failure is the probe's.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What the type check and dependency-cruiser read; node_modules is linked, not copied. */
const COPIED = ['src', 'sw', 'server', 'tsconfig.json', 'tsconfig.base.json', 'package.json', '.dependency-cruiser.cjs'];
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

let copy = '';

before(async () => {
  copy = await mkdtemp(join(tmpdir(), 'pamphlet-boundaries-'));
  await Promise.all(COPIED.map((path) => cp(join(ROOT, path), join(copy, path), { recursive: true })));
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

after(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

interface Outcome {
  failed: boolean;
  stdout: string;
  stderr: string;
}

/** A Node script of a dev dependency, run in the copy; a non-zero exit is an outcome, not an error. */
async function runInCopy(script: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: copy, maxBuffer: 64 * 1024 * 1024 });
    return { failed: false, stdout, stderr };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { failed: true, stdout, stderr };
  }
}

/** The type check of the given projects (folders with a tsconfig.json), as `npm run typecheck` runs it. */
function typeCheck(...projects: string[]): Promise<Outcome> {
  return runInCopy(TSC, ['-b', ...projects]);
}

interface Violation {
  rule: string;
  /** The import that crosses, `from → to` (a cycle goes on round to where it began). */
  path: string[];
}

/**
 * `npm run lint`'s dependency-cruiser run, as a person sees it: it fails, and each violation is a
 * line `error RULE: FROM → TO`. (Its JSON report would exit 0 whatever it found.)
 */
async function cruise(): Promise<{ failed: boolean; violations: Violation[]; output: string }> {
  const outcome = await runInCopy(DEPCRUISE, ['src', 'sw', '--config', '.dependency-cruiser.cjs']);
  const violations = [...outcome.stdout.matchAll(/^\s*error (\S+): (.+)$/gm)].map(([, rule, path]) => ({
    rule: rule!,
    path: path!.split(' → ').map((step) => step.trim()),
  }));
  return { failed: outcome.failed, violations, output: outcome.stdout + outcome.stderr };
}

/** Probe files (path in the copy → text) present while `check` runs, removed whatever happens. */
async function withProbes<T>(files: Record<string, string>, check: () => Promise<T>): Promise<T> {
  try {
    for (const [path, text] of Object.entries(files)) await writeFile(join(copy, path), text);
    return await check();
  } finally {
    await Promise.all(Object.keys(files).map((path) => rm(join(copy, path), { force: true })));
  }
}

/** That `rule` refused an import from `from` to a path holding `to`. */
function assertViolation(violations: Violation[], rule: string, from: string, to: string): void {
  assert.ok(
    violations.some((found) => found.rule === rule && found.path[0] === from && found.path[1]?.includes(to)),
    `expected ${rule}: ${from} → ${to}, got ${JSON.stringify(violations)}`,
  );
}

test('control: the code as it is passes the type check of src/cli and the page, and dependency-cruiser', async () => {
  const types = await typeCheck('src/cli', 'src');
  assert.equal(types.failed, false, `the type check should pass before any probe:\n${types.stdout}${types.stderr}`);
  const { failed, violations, output } = await cruise();
  assert.deepEqual(violations, [], 'dependency-cruiser should find no violation before any probe');
  assert.equal(failed, false, `dependency-cruiser should exit 0 before any probe:\n${output}`);
});

test('a `document` in src/cli is a type error: the command runs in Node, without a DOM', async () => {
  const probe = 'src/cli/runtime-probe-document.ts';
  const types = await withProbes({ [probe]: `export const probeTitle: string = document.title;\n` }, () => typeCheck('src/cli'));
  assert.equal(types.failed, true, 'the type check of src/cli should fail');
  assert.match(types.stdout, /src\/cli\/runtime-probe-document\.ts\(1,\d+\): error TS\d+: Cannot find name 'document'/);
});

test('a `Buffer` in a component is a type error: the page has no Node', async () => {
  const probe = 'src/ui/runtime-probe-buffer.ts';
  const component = [
    `import { html, LitElement } from 'lit';`,
    `export class RuntimeProbeBuffer extends LitElement {`,
    `  override render() {`,
    `    return html\`\${Buffer.from('probe').length}\`;`,
    `  }`,
    `}`,
  ].join('\n');
  const types = await withProbes({ [probe]: `${component}\n` }, () => typeCheck('src'));
  assert.equal(types.failed, true, 'the type check of the page should fail');
  assert.match(types.stdout, /src\/ui\/runtime-probe-buffer\.ts\(4,\d+\): error TS\d+: Cannot find name 'Buffer'/);
});

test('src/shared importing src/browser is refused: shared code runs where there is no browser storage', async () => {
  const { failed, violations } = await withProbes(
    {
      'src/browser/runtime-probe-browser.ts': `export const probe = 'browser';\n`,
      'src/shared/runtime-probe-shared.ts': `export { probe } from '../browser/runtime-probe-browser.ts';\n`,
    },
    cruise,
  );
  assert.equal(failed, true, 'dependency-cruiser should exit non-zero');
  assertViolation(violations, 'shared-is-for-every-runtime', 'src/shared/runtime-probe-shared.ts', 'src/browser/runtime-probe-browser.ts');
});

test('src/browser importing src/ui is refused: workers run src/browser, and they have no page', async () => {
  const { failed, violations } = await withProbes(
    {
      'src/ui/runtime-probe-ui.ts': `export const probe = 'ui';\n`,
      'src/browser/runtime-probe-browser.ts': `export { probe } from '../ui/runtime-probe-ui.ts';\n`,
    },
    cruise,
  );
  assert.equal(failed, true, 'dependency-cruiser should exit non-zero');
  assertViolation(violations, 'browser-is-for-page-and-workers', 'src/browser/runtime-probe-browser.ts', 'src/ui/runtime-probe-ui.ts');
});

test('two modules importing each other are refused as a cycle', async () => {
  const { failed, violations } = await withProbes(
    {
      'src/shared/runtime-probe-cycle-a.ts': `import { b } from './runtime-probe-cycle-b.ts';\nexport const a = () => b;\n`,
      'src/shared/runtime-probe-cycle-b.ts': `import { a } from './runtime-probe-cycle-a.ts';\nexport const b = () => a;\n`,
    },
    cruise,
  );
  assert.equal(failed, true, 'dependency-cruiser should exit non-zero');
  const cycles = violations.filter(({ rule, path }) => rule === 'no-cycles' && path[0]?.startsWith('src/shared/runtime-probe-cycle-'));
  assert.ok(cycles.length > 0, `expected no-cycles between the two probe modules, got ${JSON.stringify(violations)}`);
});

test('src/cli importing jsdom is refused: its types would bring the DOM lib (and `document`) back into src/cli', async () => {
  const probe = 'src/cli/runtime-probe-jsdom.ts';
  const { failed, violations } = await withProbes(
    { [probe]: `import { JSDOM } from 'jsdom';\nexport const probeTitle = new JSDOM('').window.document.title;\n` },
    cruise,
  );
  assert.equal(failed, true, 'dependency-cruiser should exit non-zero');
  assertViolation(violations, 'jsdom-only-in-node-dom', probe, 'node_modules/jsdom/');
});

test('the page importing src/node-dom is refused: only the command runs over jsdom', async () => {
  const probe = 'src/ui/runtime-probe-node-dom.ts';
  const { failed, violations } = await withProbes({ [probe]: `export { readPage } from '../node-dom/read-page.ts';\n` }, cruise);
  assert.equal(failed, true, 'dependency-cruiser should exit non-zero');
  assertViolation(violations, 'only-cli-imports-node-dom', probe, 'src/node-dom/read-page.ts');
});
