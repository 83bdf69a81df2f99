/**
 * Options page entry: settings, feeds and local data, all through messages to the background
 * (see mount-options.ts); the host permission for automatic checking is requested from the click.
 */
import { browser } from '../platform/browser';
import { pageApi, type BrowserLike } from '../popup/page-api';
import { mountOptions } from './mount-options';

mountOptions(document, { api: pageApi(browser as unknown as BrowserLike) });
