/**
 * The one manifest.json and the per-browser manifests build.mjs derives from it: the permissions
 * stay minimal, the extension-page CSP is strict, each browser gets only the keys it supports, and
 * every file the manifest names exists (icons in both themes at every size).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-ignore -- build.mjs is plain JavaScript without types; only manifestFor is used.
import { manifestFor } from '../../../build.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const chrome = manifestFor('chrome', manifest);
const firefox = manifestFor('firefox', manifest);

describe('manifest.json', () => {
  it('asks only for the permissions the features need; site access is optional', () => {
    expect([...manifest.permissions].sort()).toEqual(['activeTab', 'alarms', 'scripting', 'storage', 'unlimitedStorage']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined(); // registered only after the user grants access
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.externally_connectable).toEqual({ ids: [] });
  });

  it('has a strict CSP for extension pages (HTML sinks throw under Trusted Types)', () => {
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp.split(';').map((d) => d.trim())).toEqual([
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
    ]);
  });

  it('names icon files that exist, for light and dark toolbars at 16, 32, 48 and 128 px', () => {
    const files = [
      ...Object.values(manifest.icons as Record<string, string>),
      ...Object.values(manifest.action.default_icon as Record<string, string>),
      ...manifest.action.theme_icons.flatMap((t: { light: string; dark: string }) => [t.light, t.dark]),
    ];
    for (const f of files) expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(manifest.action.theme_icons.map((t: { size: number }) => t.size)).toEqual([16, 32, 48, 128]);
    // PNG signature: these are real images, not placeholders.
    for (const f of files) expect(readFileSync(join(ROOT, f)).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('per-browser manifests', () => {
  it('Chrome: service worker only, no Firefox-only keys', () => {
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.action.theme_icons).toBeUndefined();
    expect(chrome.action.default_icon['16']).toBe('icons/lens-on-light-16.png');
    expect(chrome.minimum_chrome_version).toBeDefined();
  });

  it('Firefox: event page scripts, gecko id, version floors and no data collection', () => {
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings.gecko).toMatchObject({
      id: expect.stringMatching(/@/),
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
    expect(firefox.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
    expect(firefox.minimum_chrome_version).toBeUndefined();
    expect(firefox.action.theme_icons).toHaveLength(4);
  });

  it('does not change the source manifest', () => {
    expect(manifest.background).toEqual({ service_worker: 'background.js', scripts: ['background.js'] });
  });
});
