import { readFileSync } from 'node:fs';
import type { Article } from '../../src/shared/article.ts';
import { decodeBundle } from '../../src/shared/bundle/decode-bundle.ts';
import { ROOT } from './app-server.ts';

/**
 * The built-in sample (public/samples/, written by scripts/make-sample.ts), read from the files the
 * app ships, so that a new sample changes no test.
 */
const SAMPLES = `${ROOT}public/samples/`;

/** The sample bundle's file name, as the samples' index lists it. */
export const SAMPLE_FILE = (JSON.parse(readFileSync(`${SAMPLES}index.json`, 'utf8')) as string[])[0]!;

/** The sample's one article, decoded. */
export const SAMPLE_ARTICLE: Article = (await decodeBundle(readFileSync(`${SAMPLES}${SAMPLE_FILE}`, 'utf8'))).articles[0]!;

/** The sample's title, as the library lists it and the reader heads it. */
export const SAMPLE_TITLE = SAMPLE_ARTICLE.title;
