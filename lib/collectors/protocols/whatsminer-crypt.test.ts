import { describe, expect, it } from 'vitest';
import {
  md5Crypt,
  parsePrivilegedReply,
  parseTokenMsg,
  privilegedRequest,
  whatsminerDecrypt,
  whatsminerEncrypt,
  whatsminerToken,
} from './whatsminer-crypt';

describe('MD5-crypt', () => {
  // Expected values from `openssl passwd -1 -salt <salt> <password>`.
  it.each([
    ['admin', 'BQ5hoXV9', '$1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81'],
    ['x1985', 'jbzkfQls', '$1$jbzkfQls$BZwo.5J3VLb0fm1Ut5L1D/'],
    ['', 'ab', '$1$ab$rn6aQS/o7141mj179E/zA.'],
    ['a very long password that exceeds sixteen bytes', 'saltsalt', '$1$saltsalt$K9Os3dVqiK92Q6KjNiD88.'],
  ])('md5Crypt(%j, %s)', (pw, salt, expected) => {
    expect(md5Crypt(pw, salt)).toBe(expected);
    expect(md5Crypt(pw, `$1$${salt}$`)).toBe(expected);
  });

  it('cuts the salt at 8 characters', () => {
    expect(md5Crypt('admin', 'BQ5hoXV9extra')).toBe('$1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81');
  });
});

describe('Whatsminer API v2 token and ciphertext (§1.7.1)', () => {
  // E1.9 get_token reply Msg.
  const msg = parseTokenMsg({ time: '1985', salt: 'BQ5hoXV9', newsalt: 'jbzkfQls' })!;

  it('derives host_passwd_md5 and host_sign from the admin password', () => {
    const t = whatsminerToken('admin', msg);
    expect(t.hostPasswdMd5).toBe('RxmaDUO33TS7O26yeMHZ81');
    // sign = MD5-crypt(host_passwd_md5 + time, newsalt), hash part.
    expect(t.hostSign).toBe(md5Crypt('RxmaDUO33TS7O26yeMHZ811985', 'jbzkfQls').split('$')[3]);
  });

  it.each([
    [
      { time: 1985, salt: 'a', newsalt: 'b' },
      { time: '1985', salt: 'a', newsalt: 'b' },
    ],
    [{ time: '1', salt: '', newsalt: 'b' }, undefined],
    [{ salt: 'a', newsalt: 'b' }, undefined],
    ['nope', undefined],
    [null, undefined],
  ])('parseTokenMsg(%j)', (input, expected) => {
    expect(parseTokenMsg(input)).toEqual(expected);
  });

  it('AES-256-ECB with zero padding round-trips; the ciphertext is whole blocks', () => {
    for (const text of ['', 'x', '0123456789abcdef', '{"cmd":"power_on","token":"abc"}']) {
      const b64 = whatsminerEncrypt(text, 'RxmaDUO33TS7O26yeMHZ81');
      expect(Buffer.from(b64, 'base64').length % 16).toBe(0);
      expect(whatsminerDecrypt(b64, 'RxmaDUO33TS7O26yeMHZ81')).toBe(text);
    }
    expect(whatsminerDecrypt('abc', 'k')).toBeUndefined();
    expect(whatsminerDecrypt('', 'k')).toBeUndefined();
  });

  it('builds the {"enc":1,"data":…} envelope carrying the token, and reads an encrypted reply', () => {
    const t = whatsminerToken('admin', msg);
    const env = JSON.parse(privilegedRequest({ cmd: 'adjust_power_limit', power_limit: '3000' }, t));
    expect(env.enc).toBe(1);
    expect(JSON.parse(whatsminerDecrypt(env.data, t.hostPasswdMd5)!)).toEqual({
      cmd: 'adjust_power_limit',
      power_limit: '3000',
      token: t.hostSign,
    });
    const ok = { STATUS: 'S', When: 1, Code: 131, Msg: 'API command OK', Description: '' };
    const enc = JSON.stringify({ enc: whatsminerEncrypt(JSON.stringify(ok), t.hostPasswdMd5) });
    expect(parsePrivilegedReply(`${enc}\0`, t)).toEqual({ ok: true, reply: ok, encrypted: true });
    // A plain error envelope (the miner could not check the token) is read as it is.
    expect(parsePrivilegedReply('{"STATUS":"E","Code":135,"Msg":"check token error"}', t)).toMatchObject({
      ok: true,
      encrypted: false,
      reply: { Code: 135 },
    });
  });

  it('a reply encrypted with another key is an error, not a crash', () => {
    const t = whatsminerToken('admin', msg);
    const other = whatsminerToken('wrong', msg);
    const enc = JSON.stringify({ enc: whatsminerEncrypt('{"STATUS":"S"}', other.hostPasswdMd5) });
    expect(parsePrivilegedReply(enc, t).ok).toBe(false);
    expect(parsePrivilegedReply('not json', t).ok).toBe(false);
    expect(parsePrivilegedReply('{"enc":"%%%"}', t).ok).toBe(false);
  });
});
