import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkKey, webAddressesOf } from '../src/shared/article-link.ts';

test('addresses of one article share a key: scheme, www., trailing slash, tracking and order of parameters aside', () => {
  const key = linkKey('https://news.example/2026/12/story')!.key;
  for (const same of [
    'http://news.example/2026/12/story',
    'https://www.news.example/2026/12/story/',
    'https://NEWS.example:443/2026/12/story',
    'https://news.example/2026/12/story?utm_source=feed&utm_medium=rss&fbclid=abc',
    'https://news.example/2026/12/story#comments',
    '  https://news.example/2026/12/story  ',
  ])
    assert.equal(linkKey(same)?.key, key, same);
  assert.equal(linkKey('https://news.example/a?b=2&a=1')?.key, linkKey('https://news.example/a?a=1&b=2&utm_campaign=x')?.key);
  assert.equal(linkKey('https://news.example/caf%c3%a9')?.key, linkKey('https://news.example/caf%C3%A9')?.key);
  assert.equal(linkKey('https://пример.испытание/')?.key, linkKey('https://xn--e1afmkfd.xn--80akhbyknj4f')?.key);
});

test('different articles keep different keys', () => {
  const key = linkKey('https://news.example/story')!.key;
  for (const other of [
    'https://news.example/Story',
    'https://news.example/story?id=2',
    'https://news.example/story/2',
    'https://other.example/story',
    'https://news.example:8443/story',
    'https://sub.news.example/story',
  ])
    assert.notEqual(linkKey(other)?.key, key, other);
  assert.notEqual(linkKey('https://news.example/story?id=1')?.key, linkKey('https://news.example/story?id=2')?.key);
});

test('the fragment is kept apart, decoded, for where in the article to go', () => {
  assert.deepEqual(linkKey('https://news.example/story#part-2'), { key: 'news.example/story', fragment: 'part-2' });
  assert.equal(linkKey('https://news.example/story#%D0%B8%D1%82%D0%BE%D0%B3')?.fragment, 'итог');
  assert.equal(linkKey('https://news.example/story#%E0%A4%A')?.fragment, '%E0%A4%A');
  assert.equal(linkKey('https://news.example/')?.key, 'news.example');
});

test('only web addresses have keys', () => {
  for (const address of [
    'javascript:alert(1)',
    'mailto:desk@news.example',
    'urn:pamphlet:x',
    'ftp://news.example/a',
    'not a url',
    '',
    '/relative/path',
  ])
    assert.equal(linkKey(address), undefined, address);
});

test('an article is known by its url and by its guid when that is a web address', () => {
  assert.deepEqual(webAddressesOf({ url: 'https://a.example/x', guid: 'urn:uuid:1' }), ['https://a.example/x']);
  assert.deepEqual(webAddressesOf({ guid: 'https://a.example/y' }), ['https://a.example/y']);
  assert.deepEqual(webAddressesOf({ url: 'https://a.example/x', guid: 'https://a.example/x' }), ['https://a.example/x']);
  assert.deepEqual(webAddressesOf({ url: 'javascript:void 0', guid: 'tag:a' }), []);
});
