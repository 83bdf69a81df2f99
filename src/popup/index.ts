/**
 * Popup entry: inspects the tab named by `?tab=<id>` (else the active tab) and talks to the
 * background through messages only (see mount-popup.ts for what it renders).
 */
import { browser } from '../platform/browser';
import { browserMessages } from '../platform/i18n';
import { pageApi } from '../shared/page-client';
import { mountPopup, tabFromLocation } from './mount-popup';

mountPopup(document, { api: pageApi(browser), t: browserMessages, tabId: tabFromLocation(location.search) });
