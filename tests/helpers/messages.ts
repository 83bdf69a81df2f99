/**
 * The interface's real messages for tests: a locale's _locales/<locale>/messages.json as the lookup
 * pure views take, so tests read the strings a reader sees (English by default).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lookupFrom, type Messages, type Translate } from '../../src/shared/i18n';

/** The folder of the message files. */
export const LOCALES_DIR = resolve(__dirname, '../../_locales');

/** The languages the interface ships in, English first (the default_locale). */
export const LOCALES = ['en', 'es', 'fr', 'de', 'ar'] as const;

/** A locale's parsed messages.json. */
export function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
}

/** The lookup of one locale, as the browser would answer it for a reader in that language. */
export function messagesFor(locale: string): Translate {
  return lookupFrom(readMessages(locale));
}

/** The English lookup (default_locale). */
export const english: Translate = messagesFor('en');
