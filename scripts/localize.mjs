/**
 * The UI's translations: every msg() in src/ checked against locales/<locale>.xlf, then compiled
 * into src/generated/locales/<locale>.ts (lit-localize's runtime mode), which the page loads one
 * language at a time. build.mjs runs this first, so that a missing translation fails the build.
 *
 *   node scripts/localize.mjs extract   # add new messages to every locales/*.xlf, to translate
 *   node scripts/localize.mjs           # check and compile (what the build does)
 */
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';
import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The TypeScript that lit-localize analyses with (its own, not the project's compiler).
const fromLocalizeTools = createRequire(import.meta.resolve('@lit/localize-tools/lib/index.js'));
const ts = fromLocalizeTools('typescript');
const fastGlob = fromLocalizeTools('fast-glob');

export class TranslationProblem extends Error {}

/**
 * A count's forms for zero, one and two may leave the number out: Arabic says "مقالتان" (two
 * articles) with no numeral, and each of these forms only ever stands for one number.
 */
const NUMBER_MAY_GO = /^[a-z-]+\.(zero|one|two)$/;

class PamphletLocalizer extends RuntimeLitLocalizer {
  /**
   * Only the files that call msg(), compiled as the project is (tsconfig.json's resolution and
   * `.ts` imports) but without @types/node and the like: a fraction of the time of lit-localize's
   * own program over every input file, which every build pays.
   */
  get filesAndCompilerOptions() {
    const fileNames = fastGlob
      .sync(this.config.inputFiles, { cwd: this.config.baseDir, absolute: true })
      .filter((file) => readFileSync(file, 'utf8').includes('msg('));
    const options = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noEmit: true,
      experimentalDecorators: true,
      skipLibCheck: true,
      types: ['trusted-types'],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    };
    return { fileNames, options };
  }

  validateTranslations() {
    const { errors } = super.validateTranslations();
    return {
      errors: errors.filter((error) => !/ missing "/.test(error) || !NUMBER_MAY_GO.test(/localization of (\S+):/.exec(error)?.[1] ?? '')),
    };
  }
}

function localizer({ xliffDir, outputDir } = {}) {
  const config = readConfigFileAndWriteSchema(join(ROOT, 'lit-localize.json'));
  return new PamphletLocalizer({
    ...config,
    interchange: { ...config.interchange, ...(xliffDir ? { xliffDir: resolve(xliffDir) } : {}) },
    output: { ...config.output, ...(outputDir ? { outputDir: resolve(outputDir) } : {}) },
  });
}

function text(contents) {
  return contents.map((part) => (typeof part === 'string' ? part : part.untranslatable)).join('');
}

/**
 * Every problem with the translations, one line each, naming the locale and the message id:
 * a message with no translation, a translation of a message that is gone, a placeholder lost.
 */
export function translationProblems(options) {
  const tool = localizer(options);
  const { messages, errors } = tool.extractSourceMessages();
  const problems = errors.map((error) => `msg() that cannot be read: ${error.messageText} (${error.file?.fileName ?? ''})`);
  const { translations } = tool.readTranslationsSync();
  const ids = new Set(messages.map((message) => message.name));
  for (const locale of tool.config.targetLocales) {
    const translated = new Map((translations.get(locale) ?? []).map((message) => [message.name, message]));
    for (const message of messages) {
      const translation = translated.get(message.name);
      if (!translation || text(translation.contents).trim() === '') {
        problems.push(`${locale}: message ${message.name} has no translation ("${text(message.contents).slice(0, 80)}")`);
      }
    }
    for (const name of translated.keys()) {
      if (!ids.has(name)) problems.push(`${locale}: message ${name} is translated but no longer in the source`);
    }
  }
  problems.push(...tool.validateTranslations().errors);
  return { problems, tool };
}

/** Checks, then writes the locale modules; throws a TranslationProblem listing what is wrong. */
export async function localize(options) {
  const { problems, tool } = translationProblems(options);
  if (problems.length > 0) {
    throw new TranslationProblem(
      `Translations are incomplete, and the build stops until they are not:\n  ${problems.join('\n  ')}\n` +
        `Run "npm run localize:extract" to bring new messages into locales/*.xlf, then translate them there.`,
    );
  }
  await tool.build();
  await unescapePlainMessages(tool.config.output.outputDir);
}

const XML_ESCAPES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * lit-localize writes a plain-text translation (a `str` or bare template, not `html`) with the
 * XLIFF's XML escapes still in it, so a reader would see "&lt;CID&gt;": in text they are
 * characters, and go back to being them. Markup (`html` templates) keeps its escapes.
 */
async function unescapePlainMessages(outputDir) {
  for (const file of await readdir(outputDir)) {
    const path = join(outputDir, file);
    const code = await readFile(path, 'utf8');
    const plain = code.replace(
      /(': (?:str)?`)((?:[^`\\]|\\.)*)`/g,
      (_all, start, body) => `${start}${body.replace(/&(lt|gt|amp|quot|apos);/g, (_escape, name) => XML_ESCAPES[name])}\``,
    );
    if (plain !== code) await writeFile(path, plain);
  }
}

export async function extract(options) {
  await localizer(options).writeInterchangeFiles();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === 'extract') await extract();
    else await localize();
  } catch (error) {
    console.error(error instanceof TranslationProblem ? error.message : error);
    process.exit(1);
  }
}
