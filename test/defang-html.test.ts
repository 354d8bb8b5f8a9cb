import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import { defangHtml } from '../src/shared/html/defang-html.ts';

/** The elements and attribute names a parser finds in `html`. */
function parsed(html: string): { tags: string[]; attributes: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      tags.push(name);
      attributes.push(...Object.keys(attrs));
    },
  });
  parser.write(html);
  parser.end();
  return { tags, attributes };
}

test('event handlers, styles, script URLs and scripted elements are taken out; the article stays', () => {
  const { html, removed } = defangHtml(
    '<p class="lead" onclick="alert(1)" style="color:red">Hello <b>world</b></p>' +
      '<img src="x" onerror="alert(1)" alt="pic"><script>alert(1)</script><style>p{}</style>' +
      '<a href="java&#x09;script:alert(1)">bad</a><a href="https://example.org/?a=1&amp;b=2">good</a>' +
      '<iframe src="https://t.example/"><p>inside</p></iframe><img src="data:image/png;base64,AAAA">',
  );
  assert.equal(
    html,
    '<p class="lead">Hello <b>world</b></p><img src="x" alt="pic"><a>bad</a><a href="https://example.org/?a=1&amp;b=2">good</a><img src="data:image/png;base64,AAAA">',
  );
  assert.equal(removed, 7);
});

test('text is escaped, so what the first parser read as text stays text for the browser', () => {
  assert.equal(
    defangHtml('<p>1 &lt; 2 &amp;&amp; &lt;img src=x onerror=alert(1)&gt;</p>').html,
    '<p>1 &lt; 2 &amp;&amp; &lt;img src=x onerror=alert(1)&gt;</p>',
  );
  assert.equal(
    defangHtml('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">t</p>').html,
    '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">t</p>',
  );
});

test('raw-text tricks cannot smuggle markup past the first pass', () => {
  for (const attack of [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<xmp><img title="</xmp><img src=x onerror=alert(1)>"></xmp>',
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<img src=x onerror\x0b="alert(1)"><img src=x onerror/="alert(1)">',
  ]) {
    const { html } = defangHtml(attack);
    const { tags, attributes } = parsed(html);
    assert.deepEqual(
      attributes.filter((name) => name.startsWith('on')),
      [],
      attack,
    );
    assert.deepEqual(
      tags.filter((tag) => ['script', 'style', 'iframe', 'xmp', 'noembed'].includes(tag)),
      [],
      attack,
    );
    // Inside a noscript, only its own closing tag holds a literal `</`: nothing can end it early.
    for (const inside of html.matchAll(/<noscript>([\s\S]*?)<\/noscript>/g))
      assert.doesNotMatch(inside[1]!.replace(/<\/?[a-z][^<>]*>/g, ''), /</);
  }
});

test('a whole saved page keeps what Readability needs: head, title, meta, links, structure', () => {
  const { html } = defangHtml(
    '<!DOCTYPE html><html lang="fa" dir="rtl"><head><title>گزارش &amp; خبر</title><meta property="og:site_name" content="Site">' +
      '<link rel="canonical" href="https://site.example/a"><script>x()</script></head><body onload="x()"><article id="main"><h1>Title</h1></article></body></html>',
  );
  assert.equal(
    html,
    '<!doctype html><html lang="fa" dir="rtl"><head><title>گزارش &amp; خبر</title><meta property="og:site_name" content="Site"><link rel="canonical" href="https://site.example/a"></head><body><article id="main"><h1>Title</h1></article></body></html>',
  );
});

test('JSON-LD stays, as data that cannot end its element early', () => {
  const { html } = defangHtml(
    '<script type="application/ld+json">{"headline":"A </script><img src=x onerror=alert(1)> & B"}</script><p>x</p>',
  );
  // htmlparser2 ends the script where a browser would; what follows is markup, and is defanged.
  assert.equal(html.startsWith('<script type="application/ld+json">{"headline":"A </script>'), true);
  assert.deepEqual(
    parsed(html).attributes.filter((name) => name.startsWith('on')),
    [],
  );
  const clean = defangHtml('<script type="application/ld+json">{"headline":"1 < 2 & 3","author":{"name":"Ann"}}</script>').html;
  assert.equal(clean, '<script type="application/ld+json">{"headline":"1 \\u003c 2 & 3","author":{"name":"Ann"}}</script>');
  assert.deepEqual(JSON.parse(clean.slice(clean.indexOf('>') + 1, clean.lastIndexOf('</script>'))).headline, '1 < 2 & 3');
});
