/**
 * The CLI's reading of a saved page's style (src/cli/style-hidden.ts): which elements a reader
 * could not see, by the cascade a browser would apply on a screen, and what the extraction then
 * leaves out of the text (words hidden inside visible text, as checkVisibility does in a browser).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { styleHiddenTest } from '../../../src/cli/style-hidden';
import { isTransparentColour } from '../../../src/extract/transparent-colour';
import { extractArticle } from '../../../src/extract/index';

function page(style: string, body: string): Document {
  return parseHTML(`<!doctype html><html><head><style>${style}</style></head><body>${body}</body></html>`).document;
}

/** Whether the reader sees the element with id `id`, by the page's style. */
function sees(doc: Document, id: string): boolean | null {
  const test = styleHiddenTest(doc);
  return test ? test(doc.getElementById(id)!) : true;
}

describe('styleHiddenTest', () => {
  it('costs nothing on a page whose style hides nothing', () => {
    expect(styleHiddenTest(page('p { color: red; display: block }', '<p>Text</p>'))).toBeNull();
  });

  it('hides by display, visibility and opacity, on the element and under it', () => {
    const doc = page('.a { display: none } .b { visibility: hidden } .c { opacity: 0 } .d { opacity: 0.5 }', '<p id=p>x <span class=a id=a>y <b id=in>z</b></span> <span class=b id=b>w</span> <i class=c id=c>v</i> <i class=d id=d>u</i></p>');
    expect(['p', 'a', 'in', 'b', 'c', 'd'].map((id) => sees(doc, id))).toEqual([true, false, false, false, false, true]);
  });

  it('applies the cascade: specificity, then order, with !important and the style attribute above', () => {
    const doc = page(
      '.x { display: none } p span.x { display: inline } .y { display: none } .y { display: inline } .z { display: inline } .z { display: none } #w { display: inline } .w { display: none !important }',
      '<p><span class=x id=x>a</span> <span class=y id=y>b</span> <span class=z id=z>c</span> <span class=w id=w>d</span> <span class=x id=s style="display: inline">e</span> <span id=t style="display:none">f</span></p>',
    );
    expect(['x', 'y', 'z', 'w', 's', 't'].map((id) => sees(doc, id))).toEqual([true, true, false, false, true, false]);
  });

  it('lets a descendant show again with visibility, but not out of display: none', () => {
    const doc = page('.h { visibility: hidden } .v { visibility: visible } .n { display: none }', '<div class=h><span id=hidden>a</span><span class=v id=shown>b</span></div><div class=n><span class=v id=gone>c</span></div>');
    expect(['hidden', 'shown', 'gone'].map((id) => sees(doc, id))).toEqual([false, true, false]);
  });

  it('reads rules for screens only, and leaves out what depends on the reader', () => {
    const doc = page(
      '@media print { .p { display: none } } @media screen { .s { display: none } } @media (max-width: 400px) { .m { display: none } } a:hover .h { display: none } .e::before { display: none }',
      '<p><span class=p id=p>a</span><span class=s id=s>b</span><span class=m id=m>c</span><a><span class=h id=h>d</span></a><span class=e id=e>e</span></p>',
    );
    expect(['p', 's', 'm', 'h', 'e'].map((id) => sees(doc, id))).toEqual([true, false, true, true, true]);
  });

  it('hides letters of zero size or filled with a transparent colour, and lets a descendant draw them again', () => {
    const doc = page(
      '.z { font-size: 0 } .big { font-size: 16px } .t { color: transparent } .r { color: rgba(0, 0, 0, 0) } .f { -webkit-text-fill-color: transparent } .c { color: rgb(0, 0, 0) } .fill { -webkit-text-fill-color: #000 } .half { color: rgba(0, 0, 0, 0.5) }',
      '<p id=p>x <span class=z id=z>a <b id=zin>b</b><b class=big id=zbig>c</b></span> <span class=t id=t>d</span> <span class=r id=r>e</span> <span class=f id=f>g</span>' +
        ' <span class=t><i class=c id=tc>h</i></span> <span class=t><i class=fill id=tf>k</i></span> <span class=half id=half>m</span>' +
        ' <span style="font-size:0px" id=inl>n</span> <span style="color:#ffffff00" id=hex>o</span> <span class=f style="-webkit-text-fill-color: red" id=undo>q</span></p>',
    );
    expect(['p', 'z', 'zin', 'zbig', 't', 'r', 'f', 'tc', 'tf', 'half', 'inl', 'hex', 'undo'].map((id) => [id, sees(doc, id)])).toEqual(
      [['p', true], ['z', false], ['zin', false], ['zbig', true], ['t', false], ['r', false], ['f', false], ['tc', true], ['tf', true], ['half', true], ['inl', false], ['hex', false], ['undo', true]],
    );
  });

  it('tells a colour with no opacity from an opaque one, whatever its notation', () => {
    for (const c of ['transparent', 'rgba(0, 0, 0, 0)', 'rgba(12,34,56,0.0)', 'hsla(0, 0%, 0%, 0)', 'rgb(0 0 0 / 0)', 'rgb(255 255 255 / 0%)', 'color(srgb 1 0 0 / 0)', '#0000', '#ffffff00'])
      expect([c, isTransparentColour(c)]).toEqual([c, true]);
    for (const c of ['rgb(0, 0, 0)', 'rgb(0 0 0)', 'rgba(0, 0, 0, 0.5)', 'rgb(0 0 0 / 50%)', '#000', '#000000', 'black', 'hsl(0, 0%, 0%)', 'color(srgb 0 0 0)', 'rgba(0, 0, 0, 1)'])
      expect([c, isTransparentColour(c)]).toEqual([c, false]);
  });

  it('treats the hidden attribute as the user agent does, below any author rule', () => {
    const doc = page('.shown[hidden] { display: block }', '<p><span hidden id=a>a</span><span hidden class=shown id=b>b</span></p>');
    expect(['a', 'b'].map((id) => sees(doc, id))).toEqual([false, true]);
  });

  it('survives style it cannot read', () => {
    const doc = page('.b { display: } p > > .c { display: none } .a { display: none } @media {', '<p>x <span class=a id=a>y</span> <span class=b id=b>z</span> <span class=c id=c>w</span></p>');
    expect(['a', 'b', 'c'].map((id) => sees(doc, id))).toEqual([false, true, true]);
  });
});

describe('extraction with the style reading', () => {
  const words = 'The harbour board voted on Monday night to rebuild the crumbling ferry terminal after three years of argument over whether the old building should be patched or torn down by the town.';
  const para = (hidden: boolean) => words.split(' ').map((w, i) => (i % 3 === 2 && hidden ? `${w}<span class="aside"> zebra</span>` : w)).join(' ');
  const html = (style: string) =>
    `<!doctype html><html><head><title>Ferry terminal</title><style>${style}</style></head><body><article><h1>Ferry terminal</h1>${[1, 2, 3, 4].map(() => `<p>${para(true)}</p>`).join('')}<p>A block hidden whole stays: <span>its words are the page's text.</span></p><div class=aside>Hidden paragraph kept: a block is not words inside visible text.</div></article></body></html>`;

  it('leaves out words hidden inside visible text, and keeps hidden blocks', () => {
    const { document } = parseHTML(html('.aside { display: none }'));
    const res = extractArticle(document, { url: 'https://copy.example/a', styleSees: styleHiddenTest(document) });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const text = res.article.paragraphs.join('\n');
    expect(text).not.toContain('zebra');
    expect(text).toContain(words);
  });

  it('leaves out words of zero size or in transparent letters inside visible text', () => {
    for (const style of ['.aside { font-size: 0 }', '.aside { color: transparent }', 'span.aside { -webkit-text-fill-color: rgba(255, 255, 255, 0) }']) {
      const { document } = parseHTML(html(style));
      const res = extractArticle(document, { url: 'https://copy.example/a', styleSees: styleHiddenTest(document) });
      expect(res.ok && res.article.paragraphs.join('\n'), style).not.toContain('zebra');
      expect(res.ok && res.article.paragraphs.join('\n'), style).toContain(words);
    }
  });

  it('takes no credit from a block the reader cannot see: a hidden credit line goes, a hidden block keeps its text', () => {
    const credit = '<p class="aside">This story <em>originally appeared</em> in <a href="https://ledger.example/a">The Harbor Ledger</a>.</p>';
    const hiddenLinks = '<div class="aside"><p>The rest of this article is for subscribers, who read every paragraph of it there and pay for it.</p></div>';
    for (const [style, seen] of [['.aside { display: none }', false], ['.aside { color: transparent }', false], ['.aside { color: #222 }', true]] as const) {
      const page = `<!doctype html><html><head><title>Ferry terminal</title><style>${style}</style></head><body><article><h1>Ferry terminal</h1>${[1, 2, 3].map(() => `<p>${words}</p>`).join('')}${credit}${hiddenLinks}</article></body></html>`;
      const { document } = parseHTML(page);
      const res = extractArticle(document, { url: 'https://copy.example/a', styleSees: styleHiddenTest(document) });
      if (!res.ok) throw new Error(res.reason);
      expect([style, res.article.signals.creditLines.length > 0]).toEqual([style, seen]);
      expect([style, res.article.links.some((l) => l.href === 'https://ledger.example/a')]).toEqual([style, seen]);
      // The hidden block's own text stays the page's text (a paywall's rest is still the article).
      expect(res.article.paragraphs.join('\n')).toContain('The rest of this article is for subscribers');
    }
  });

  it('keeps the words where the page shows them', () => {
    const { document } = parseHTML(html('@media print { .aside { display: none } }'));
    const res = extractArticle(document, { url: 'https://copy.example/a', styleSees: styleHiddenTest(document) });
    expect(res.ok && res.article.paragraphs.join('\n')).toContain('zebra');
  });
});
