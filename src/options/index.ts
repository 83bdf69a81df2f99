/**
 * Options page entry: settings, feeds and local data, all through messages to the background
 * (see options-view.ts); the host permission for automatic checking is requested from the click.
 */
import { browser } from '../platform/browser';
import { pageApi, type BrowserLike } from '../popup/page-api';
import { mountOptions } from './options-view';

mountOptions(document, { api: pageApi(browser as unknown as BrowserLike) });
