/**
 * The interface's messages (_locales/<locale>/messages.json): every language has exactly the
 * English keys, keeps every placeholder English uses, and leaves no message empty; every key the
 * manifest and the HTML shells name exists; the lookup fills placeholders as i18n.getMessage does.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatMessage, messageParts, uiDirection, uiLanguage } from '../../../src/shared/i18n';
import { LOCALES, LOCALES_DIR, english, messagesFor, readMessages } from '../../helpers/messages';

const ROOT = resolve(__dirname, '../../..');
const EN = readMessages('en');
const placeholdersIn = (message: string) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()).sort();

describe('locales', () => {
  it('ships exactly the languages the interface promises', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...LOCALES].sort());
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    expect(manifest.default_locale).toBe('en');
  });

  it('English is well formed: names the browser accepts, each placeholder used is defined and each defined one used', () => {
    for (const [key, entry] of Object.entries(EN)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(entry.message.trim(), key).not.toBe('');
      expect(placeholdersIn(entry.message), key).toEqual(Object.keys(entry.placeholders ?? {}).map((p) => p.toLowerCase()).sort());
    }
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale}: exactly the English keys, every English placeholder kept with the same substitution, no empty message`, () => {
      const messages = readMessages(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(EN).sort());
      for (const [key, en] of Object.entries(EN)) {
        const tr = messages[key];
        expect(tr.message.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholdersIn(tr.message), `${locale} ${key}`).toEqual(placeholdersIn(en.message));
        for (const [name, p] of Object.entries(en.placeholders ?? {})) expect(tr.placeholders?.[name]?.content, `${locale} ${key} $${name}$`).toBe(p.content);
      }
    });
  }

  it('a translation that is not English is not a copy of it, except brand names and the short words languages share', () => {
    // Guards against a file copied from English and never translated.
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const messages = readMessages(locale);
      const same = Object.keys(EN).filter((k) => messages[k].message === EN[k].message);
      expect(same.length / Object.keys(EN).length, `${locale}: ${same.join(', ')}`).toBeLessThan(0.1);
    }
  });

  it('the manifest names only messages that exist, and the store description fits the 132 characters Chrome allows', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const used = [...manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]);
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription', 'actionTitle', 'cmdNextPassage', 'cmdPreviousPassage']));
    for (const key of used) expect(EN[key], key).toBeDefined();
    for (const locale of LOCALES) expect(readMessages(locale).extDescription.message.length, locale).toBeLessThanOrEqual(132);
  });

  it('the HTML shells name only messages that exist', () => {
    for (const page of ['src/popup/popup.html', 'src/options/options.html', 'src/sidebyside/sidebyside.html']) {
      const html = readFileSync(join(ROOT, page), 'utf8');
      const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
      for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) keys.push(...m[1].split(/\s+/).map((pair) => pair.split(':')[1]));
      for (const key of keys) expect(EN[key], `${page}: ${key}`).toBeDefined();
    }
  });
});

describe('the message lookup', () => {
  it('fills named placeholders from the substitutions, in the translation’s order', () => {
    const entry = { message: '$B$ before $A$, $$5', placeholders: { a: { content: '$1' }, b: { content: '$2' } } };
    expect(formatMessage(entry, ['one', 'two'])).toBe('two before one, $5');
    expect(english('relatedHeading', 3)).toBe('Related articles (3)');
    expect(english('shareLine', '12%', '55%')).toBe('12% of this page word for word, 55% paraphrased');
  });

  it('each file names its own language and direction: Arabic right to left, the others left to right', () => {
    for (const locale of LOCALES) {
      const t = messagesFor(locale);
      expect(uiLanguage(t)).toBe(locale);
      expect(uiDirection(t)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    }
  });

  it('puts nodes where each translation puts its placeholder', () => {
    const node = { tag: 'bdi' } as unknown as Node;
    expect(messageParts(english, 'tlKindOf', 'rewrite', node)).toEqual(['rewrite', ' of ', node]);
    const ar = messagesFor('ar');
    expect(messageParts(ar, 'tlKindOf', 'إعادة صياغة', node)).toEqual(['إعادة صياغة', ' عن ', node]);
  });
});
