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
