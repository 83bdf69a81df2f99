/**
 * The interface's English messages for the CLI, which speaks English only: the same words the
 * extension shows with default_locale, from _locales/en/messages.json (bundled into the CLI).
 */
import messages from '../../_locales/en/messages.json';
import { lookupFrom, type Translate } from '../shared/i18n';

/** The English lookup. */
export const english: Translate = lookupFrom(messages);
