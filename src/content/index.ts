/** Content entry (walking skeleton): the real lifecycle lands next. */
import browser from 'webextension-polyfill';

document.documentElement.dataset.plExtension = browser.runtime.getURL('');
