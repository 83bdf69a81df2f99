import { describe, expect, it } from 'vitest';
import { UrlTable } from '../../../src/core/engine/url-table';

const urls = Array.from({ length: 3000 }, (_, i) => `https://site${i % 97}.example/${i % 5 ? 'news' : 'نشر'}/${i}?q=${'é'.repeat(i % 3)}`);

describe('UrlTable (the index addresses a cold start restores without decoding)', () => {
  it('finds every address by number and by address after packing, removed ones by number only', () => {
    const t = UrlTable.fromArray(urls);
    const removed = new Set([0, 7, 2999]);
    const back = UrlTable.fromPacked(t.pack((id) => !removed.has(id)));
    expect(back.length).toBe(urls.length);
    urls.forEach((u, id) => {
      expect(back.url(id)).toBe(removed.has(id) ? '' : u);
      expect(back.id(u)).toBe(removed.has(id) ? undefined : id);
    });
    expect(back.id('https://site1.example/news/1?q=e')).toBeUndefined();
    expect(back.id('')).toBeUndefined();
  });

  it('forgets a deleted address, numbers it anew when added again, and packs what it holds', () => {
    const back = UrlTable.fromPacked(UrlTable.fromArray(urls.slice(0, 100)).pack(() => true));
    back.delete(5);
    expect(back.id(urls[5])).toBeUndefined();
    expect(back.url(5)).toBe(urls[5]); // the number keeps its address
    expect(back.push(urls[5])).toBe(100);
    expect(back.id(urls[5])).toBe(100);
    expect(back.push('https://new.example/a')).toBe(101);
    back.delete(101);
    expect(back.id('https://new.example/a')).toBeUndefined();
    const again = UrlTable.fromPacked(back.pack((id) => id !== 5 && id !== 101));
    expect([again.length, again.id(urls[5]), again.id(urls[6]), again.url(5), again.url(100)]).toEqual([102, 100, 6, '', urls[5]]);
    expect(again.toArray().slice(98)).toEqual([urls[98], urls[99], urls[5], '']);
  });

  it('keeps plain addresses at one byte a character, and wider ones whole', () => {
    const ascii = UrlTable.fromArray(['https://a.example/1', 'https://b.example/2']).pack(() => true);
    expect(ascii.strings.chars).toBeInstanceOf(Uint8Array);
    const wide = UrlTable.fromPacked(UrlTable.fromArray(['https://a.example/1', 'https://例え.jp/記事']).pack(() => true));
    expect([wide.url(1), wide.id('https://例え.jp/記事')]).toEqual(['https://例え.jp/記事', 1]);
  });

  it('refuses an inconsistent table, and a full one cannot make a lookup loop', () => {
    const packed = UrlTable.fromArray(urls.slice(0, 10)).pack(() => true);
    expect(() => UrlTable.fromPacked({ ...packed, slots: new Uint32Array(3) })).toThrow(/inconsistent/);
    expect(() => UrlTable.fromPacked({ ...packed, strings: { ...packed.strings, offs: packed.strings.offs.subarray(1) } })).toThrow(/inconsistent/);
    const full = UrlTable.fromPacked({ ...packed, slots: new Uint32Array(16).fill(1) });
    expect(full.id(urls[3])).toBeUndefined();
    expect(full.id(urls[0])).toBe(0);
  });
});
