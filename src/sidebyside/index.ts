/**
 * Side-by-side entry: `sidebyside.html?tab=<id>&source=<url>` asks the background for the
 * comparison (getComparison) and renders the two articles aligned (see mount-side-by-side.ts).
 */
import { browser } from '../platform/browser';
import { browserMessages } from '../platform/i18n';
import { pageApi } from '../shared/page-client';
import { mountSideBySide, paramsFromLocation } from './mount-side-by-side';

mountSideBySide(document, { api: pageApi(browser), t: browserMessages, ...paramsFromLocation(location.search) });
