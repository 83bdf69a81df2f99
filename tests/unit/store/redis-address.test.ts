import { describe, expect, it } from 'vitest';
import { RedisStore, redactAddress } from '../../../src/store/redis-store';

describe('team store addresses', () => {
  it('never shows a password written in an address', () => {
    expect(redactAddress('rediss://newsroom:p%40ss:w0rd@10.0.0.5:6380,10.0.0.6:6380?ns=desk')).toBe('rediss://newsroom:***@10.0.0.5:6380,10.0.0.6:6380?ns=desk');
    expect(redactAddress('redis://:secret@a:1,redis://:secret@b:2')).toBe('redis://:***@a:1,redis://:***@b:2');
    expect(redactAddress('redis://127.0.0.1:7101')).toBe('redis://127.0.0.1:7101');
  });

  it('refuses, before connecting, an address a cluster cannot be reached by', async () => {
    await expect(RedisStore.connect('redis://a.example:7101,rediss://b.example:7102')).rejects.toThrow(/mixed redis:\/\/ and rediss:\/\//);
    await expect(RedisStore.connect('redis://:one@a.example:7101,redis://:two@b.example:7102')).rejects.toThrow(/different credentials/);
    const bad = RedisStore.connect('redis://:hunter2@a.example:99999');
    await expect(bad).rejects.toThrow(/bad Redis address "redis:\/\/:\*\*\*@a\.example:99999"/);
    await expect(bad).rejects.not.toThrow(/hunter2/);
  });
});
