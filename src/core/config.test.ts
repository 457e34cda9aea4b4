import { describe, expect, it } from 'vitest';
import { configFromEnv, fetchHostsFrom } from './config.js';

describe('LINGWIRE_FETCH_HOSTS', () => {
  it('is off by default', () => {
    expect(configFromEnv({}).fetchHosts).toBeNull();
    expect(fetchHostsFrom('  ')).toBeNull();
  });

  it('lists host names and IP literals, lower-cased, IPv6 without brackets', () => {
    expect(configFromEnv({ LINGWIRE_FETCH_HOSTS: 'Feeds.BBCi.co.uk, 127.0.0.1,[::1],' }).fetchHosts).toEqual([
      'feeds.bbci.co.uk',
      '127.0.0.1',
      '::1',
    ]);
  });

  it.each(['https://feeds.example.com', 'feeds.example.com/rss', '*.example.com', 'example.com:8080'])(
    'refuses %s, saying what it wants',
    (value) => {
      expect(() => fetchHostsFrom(value)).toThrow(/host names or IP literals/);
    },
  );
});

describe('LINGWIRE_PUBLIC_URL and LINGWIRE_TRUST_PROXY', () => {
  it('takes an http(s) address, without its trailing slash', () => {
    expect(configFromEnv({ LINGWIRE_PUBLIC_URL: 'https://news.example/' }).publicUrl).toBe(
      'https://news.example',
    );
    expect(configFromEnv({ LINGWIRE_PUBLIC_URL: 'http://host:8080/site/' }).publicUrl).toBe(
      'http://host:8080/site',
    );
    expect(configFromEnv({}).publicUrl).toBeNull();
  });

  it.each(['news.example', 'ftp://news.example', 'https://news.example/?a=1', 'https://u@news.example'])(
    'refuses %s with a sentence naming the setting',
    (value) => {
      expect(() => configFromEnv({ LINGWIRE_PUBLIC_URL: value })).toThrow(/^LINGWIRE_PUBLIC_URL must be/);
    },
  );

  it('trusts a proxy only when told to', () => {
    expect(configFromEnv({}).trustProxy).toBe(false);
    expect(configFromEnv({ LINGWIRE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(configFromEnv({ LINGWIRE_TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
    expect(configFromEnv({ LINGWIRE_TRUST_PROXY: '10.0.0.1' }).trustProxy).toBe('10.0.0.1');
    expect(configFromEnv({ LINGWIRE_TRUST_PROXY: 'no' }).trustProxy).toBe(false);
  });
});
