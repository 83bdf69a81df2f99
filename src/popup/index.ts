/**
 * Popup entry: inspects the tab named by `?tab=<id>` (else the active tab) and talks to the
 * background through messages only (see mount-popup.ts for what it renders).
 */
import { browser } from '../platform/browser';
import { pageApi, type BrowserLike } from './page-api';
import { mountPopup, tabFromLocation } from './mount-popup';

mountPopup(document, { api: pageApi(browser as unknown as BrowserLike), tabId: tabFromLocation(location.search) });
