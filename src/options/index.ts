/**
 * Options page entry: settings, feeds and local data, all through messages to the background
 * (see mount-options.ts); the host permission for automatic checking is requested from the click.
 */
import { browser } from '../platform/browser';
import { browserMessages } from '../platform/i18n';
import { pageApi } from '../shared/page-client';
import { mountOptions } from './mount-options';

mountOptions(document, { api: pageApi(browser), t: browserMessages });
