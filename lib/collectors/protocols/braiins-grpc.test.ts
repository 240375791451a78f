import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeGrpcMessage,
  decodeLoginRequest,
  decodeLoginResponse,
  decodeSetPowerTargetRequest,
  decodeSetPowerTargetResponse,
  encodeGrpcMessage,
  encodeLoginRequest,
  encodeLoginResponse,
  encodeSetPowerTargetRequest,
  encodeSetPowerTargetResponse,
  frameGrpc,
  unframeGrpc,
} from './braiins-grpc';
import { decodeMessage, encodeVarint } from './protobuf';

const hex = (b: Buffer) => b.toString('hex');

describe('protobuf wire format', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [3000, 'b817'],
    [2n ** 64n - 1n, 'ffffffffffffffffff01'],
  ])('varint %s → %s', (v, expected) => {
    expect(hex(encodeVarint(v))).toBe(expected);
  });

  it('never throws on random or truncated bytes', () => {
    const valid = encodeSetPowerTargetRequest(3250);
    for (let i = 0; i <= valid.length; i++) expect(() => decodeMessage(valid.subarray(0, i))).not.toThrow();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = decodeMessage(Buffer.from(bytes));
        expect(typeof r.ok).toBe('boolean');
        expect(() => decodeSetPowerTargetRequest(Buffer.from(bytes))).not.toThrow();
        expect(() => decodeLoginResponse(Buffer.from(bytes))).not.toThrow();
      }),
    );
  });

  it('rejects a length that runs past the end and unknown wire types', () => {
    expect(decodeMessage(Buffer.from('1205080102', 'hex'))).toMatchObject({ ok: false });
    expect(decodeMessage(Buffer.from('0b', 'hex'))).toMatchObject({ ok: false }); // wire type 3
    expect(decodeMessage(Buffer.from('00', 'hex'))).toMatchObject({ ok: false }); // field 0
  });
});

describe('Braiins OS gRPC messages (bos-v1-subset.proto)', () => {
  it.each([
    // save_action = SAVE_AND_APPLY (field 1, varint 2); power_target = Power{watt} (field 2).
    [3000, '08021203' + '08b817'],
    [1420, '08021203' + '088c0b'],
    [100, '08021202' + '0864'],
  ])('SetPowerTargetRequest %i W encodes as %s', (w, expected) => {
    const bytes = encodeSetPowerTargetRequest(w);
    expect(hex(bytes)).toBe(expected);
    expect(decodeSetPowerTargetRequest(bytes)).toEqual({ saveAction: 2, powerTargetW: w });
  });

  it('rounds fractional watts (Power.watt is uint64)', () => {
    expect(decodeSetPowerTargetRequest(encodeSetPowerTargetRequest(2999.6))?.powerTargetW).toBe(3000);
  });

  it('an empty Power message is 0 W; an absent one is unknown', () => {
    expect(decodeSetPowerTargetResponse(Buffer.from('0a00', 'hex'))).toEqual({ powerTargetW: 0 });
    expect(decodeSetPowerTargetResponse(Buffer.alloc(0))).toEqual({ powerTargetW: undefined });
    expect(decodeSetPowerTargetResponse(encodeSetPowerTargetResponse(3031))).toEqual({ powerTargetW: 3031 });
  });

  it('Login request and the token reply (E3.5: {"token":"eUInGZBQ4yGyKiDe","timeoutS":3600})', () => {
    const req = encodeLoginRequest('root', 'secret');
    expect(hex(req)).toBe(
      `0a04${Buffer.from('root').toString('hex')}1206${Buffer.from('secret').toString('hex')}`,
    );
    expect(decodeLoginRequest(req)).toEqual({ username: 'root', password: 'secret' });
    // proto3 drops the empty password.
    expect(decodeLoginRequest(encodeLoginRequest('root', ''))).toEqual({ username: 'root', password: '' });
    const reply = encodeLoginResponse('eUInGZBQ4yGyKiDe', 3600);
    expect(decodeLoginResponse(reply)).toEqual({ token: 'eUInGZBQ4yGyKiDe', timeoutS: 3600 });
    // Old firmware's empty LoginResponse: no token in the body (it is in the header).
    expect(decodeLoginResponse(Buffer.alloc(0))).toEqual({ token: '', timeoutS: 0 });
  });

  it('unknown fields from a newer API are skipped', () => {
    const extra = Buffer.concat([
      encodeSetPowerTargetResponse(2800),
      Buffer.from('1a0568656c6c6f2801', 'hex'),
    ]);
    expect(decodeSetPowerTargetResponse(extra)).toEqual({ powerTargetW: 2800 });
  });
});

describe('gRPC framing', () => {
  it('length-prefixes and unframes a message', () => {
    const framed = frameGrpc(Buffer.from('0801', 'hex'));
    expect(hex(framed)).toBe('00000000020801');
    expect(unframeGrpc(framed)).toEqual({ ok: true, message: Buffer.from('0801', 'hex') });
  });

  it.each([
    ['too short', '000000'],
    ['compressed', '01000000020801'],
    ['truncated', '000000000508'],
  ])('refuses a %s body', (_name, body) => {
    expect(unframeGrpc(Buffer.from(body, 'hex')).ok).toBe(false);
  });

  it('grpc-message is percent-encoded', () => {
    const text = 'power target must be 900–3600 W';
    expect(encodeGrpcMessage(text)).toBe('power target must be 900%E2%80%933600 W');
    expect(decodeGrpcMessage(encodeGrpcMessage(text))).toBe(text);
    expect(decodeGrpcMessage('bad %zz')).toBe('bad %zz');
  });
});
