import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  return { code, out, err: err.join('\n') };
}

describe('lingwire lookup --pos', () => {
  it("puts the sentence's part of speech first and leaves the other meanings after it", async () => {
    const plain = await cli('lookup', 'implemented');
    expect(plain.out[2]).toMatch(/^ {2}n\. 工具/);
    const verb = await cli('lookup', 'implemented', '--pos', 'verb');
    expect(verb.code).toBe(0);
    expect(verb.out[2]).toMatch(/^ {2}vt\. 实现/);
    expect(verb.out[3]).toMatch(/^ {2}n\. 工具/);
  });

  it("never shows another word's definition (discussed → discuss, not discus)", async () => {
    const { out } = await cli('lookup', 'discussed');
    expect(out.join('\n')).not.toContain('athletic');
    expect(out.join('\n')).toContain('consider or examine');
  });

  it('says what a tag must be', async () => {
    const bad = await cli('lookup', 'implemented', '--pos', 'foo');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--pos must be a Universal POS tag');
  });
});

describe('lingwire lookup a name', () => {
  it('says a name the dictionary lacks is a name, and succeeds', async () => {
    const { code, out } = await cli('lookup', 'Lavrov');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('人名');
    const json = await cli('lookup', 'Lavrov', '--json');
    expect(JSON.parse(json.out.join('\n')).name).toEqual({ kind: 'person', zh: null });
  });

  it("gives a name's Chinese where ECDICT has it, and still fails for an unknown lower-case word", async () => {
    expect((await cli('lookup', 'Syria')).out[1]).toBe('地名 name of a place: 叙利亚');
    expect((await cli('lookup', 'qwzxv')).code).not.toBe(0);
  });
});
