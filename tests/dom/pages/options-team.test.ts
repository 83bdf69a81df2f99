/**
 * The options page's team index form: the one address rule before anything is asked, access to
 * that origin only, the background's answer shown, opting out.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mountOptions } from '../../../src/options/mount-options';
import { english } from '../../helpers/messages';
import { axeViolations, FEEDS, loadPage, optionsWithTeam } from './fixtures';

const HTML = resolve(__dirname, '../../../src/options/options.html');

async function open(server: string | null, opts: { grant?: boolean; refuse?: string } = {}) {
  const dom = loadPage(HTML, 'chrome-extension://abc/options.html');
  const fake = optionsWithTeam(server, { ...opts, feeds: FEEDS });
  const doc = dom.window.document;
  await mountOptions(doc, { api: fake.api, t: english, now: () => new Date('2026-11-22T12:00:00Z') }).ready;
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const submit = async (url: string) => {
    (doc.getElementById('pl-team-url') as HTMLInputElement).value = url;
    (doc.getElementById('pl-team-form') as HTMLFormElement).requestSubmit();
    await settle();
    await settle();
  };
  return { dom, doc, fake, submit };
}

describe('options page: team index', { timeout: 30_000 }, () => {
  it('says nothing is sent until an address is given, and what would be; passes axe', async () => {
    const { dom, doc } = await open(null);
    expect(doc.getElementById('pl-team-current')!.textContent).toBe('No team index: nothing is sent.');
    expect((doc.getElementById('pl-team-off') as HTMLButtonElement).hidden).toBe(true);
    expect(doc.getElementById('pl-team-privacy')!.textContent).toMatch(/Never its address, title or text, and nothing from private windows/);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('asks for that origin only, then lets the background check and keep it', async () => {
    const { doc, fake, submit } = await open(null);
    await submit('https://index.newsroom.example/pl/');
    expect(fake.permissionRequests).toEqual([{ origins: ['https://index.newsroom.example/*'] }]);
    expect(fake.calls.find((c) => c.type === 'setTeamServer')?.payload).toEqual({ url: 'https://index.newsroom.example/pl' });
    expect(doc.getElementById('pl-team-current')!.textContent).toContain('In use: https://index.newsroom.example/pl (it holds 1,234 articles)');
    expect((doc.getElementById('pl-team-off') as HTMLButtonElement).hidden).toBe(false);
    (doc.getElementById('pl-team-off') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.calls.filter((c) => c.type === 'setTeamServer').at(-1)?.payload).toEqual({ url: null });
    expect(doc.getElementById('pl-team-current')!.textContent).toBe('No team index: nothing is sent.');
  });

  it('asks for the host of an address with a port on every port (a pattern with a port never matches in Firefox)', async () => {
    const { fake, submit } = await open(null);
    await submit('http://127.0.0.1:8787');
    expect(fake.permissionRequests).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
    expect(fake.calls.find((c) => c.type === 'setTeamServer')?.payload).toEqual({ url: 'http://127.0.0.1:8787' });
  });

  it('refuses a plain-http address before asking anything, and shows the background’s refusal', async () => {
    const { doc, fake, submit } = await open(null);
    await submit('http://index.newsroom.example');
    expect(doc.getElementById('pl-team-error')!.textContent).toMatch(/https/);
    expect(doc.getElementById('pl-team-url')!.getAttribute('aria-invalid')).toBe('true');
    expect(fake.permissionRequests).toEqual([]);
    expect(fake.calls.some((c) => c.type === 'setTeamServer')).toBe(false);

    const refused = await open(null, { refuse: 'The team index cannot be reached (fetch failed).' });
    await refused.submit('https://index.newsroom.example');
    expect(refused.doc.getElementById('pl-team-error')!.textContent).toBe('The team index cannot be reached (fetch failed).');
    expect(refused.doc.getElementById('pl-team-current')!.textContent).toBe('No team index: nothing is sent.');

    const denied = await open(null, { grant: false });
    await denied.submit('https://index.newsroom.example');
    expect(denied.fake.calls.some((c) => c.type === 'setTeamServer')).toBe(false);
    expect(denied.doc.getElementById('pl-team-error')!.textContent).toMatch(/needs your permission/);
  });

  it('shows the index already chosen', async () => {
    const { doc } = await open('https://index.newsroom.example');
    expect(doc.getElementById('pl-team-current')!.textContent).toContain('In use: https://index.newsroom.example');
  });
});
