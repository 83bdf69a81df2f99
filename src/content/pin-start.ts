/**
 * Automatic checking's document_start script (registered beside content.js, src/background/
 * auto-check.ts). Chromium gives an isolated world its `chrome` and `browser` when it makes the
 * world, from what the window shows under those names at that moment. Made before the page's
 * elements exist, they are own properties of the world's global, which named elements cannot
 * shadow; made at document_idle, when content.js runs, `<form id="chrome">` or `<iframe
 * name="chrome">` takes their place. This script makes the world first, and pins an API that the
 * root element (`<html id="chrome">`, the only element at document_start) already stands over.
 */
import { pinExtensionGlobals } from '../platform/content-runtime';

pinExtensionGlobals(globalThis);
