// The few protobuf wire-format pieces the Braiins OS gRPC messages need (varint, length-delimited,
// fixed64/32 skipped), so Switchyard speaks gRPC without a code generator. Pure: bytes in, values out.
// Encoding follows https://protobuf.dev/programming-guides/encoding/ (proto3: default values are
// not written, unknown fields are skipped).

export function encodeVarint(value: number | bigint): Buffer {
  let v = BigInt(value);
  if (v < 0n) v = BigInt.asUintN(64, v);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Buffer.from(out);
}

const key = (field: number, wire: number) => encodeVarint((field << 3) | wire);

/** Field types a message builder can write; undefined fields are left out (proto3 defaults). */
export type PbField =
  | { field: number; uint: number | bigint | undefined }
  | { field: number; string: string | undefined }
  | { field: number; message: Buffer | undefined }
  | { field: number; double: number | undefined };

export function encodeMessage(fields: PbField[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of fields) {
    if ('uint' in f) {
      if (f.uint === undefined || BigInt(f.uint) === 0n) continue;
      parts.push(key(f.field, 0), encodeVarint(f.uint));
    } else if ('string' in f) {
      if (!f.string) continue;
      const bytes = Buffer.from(f.string, 'utf8');
      parts.push(key(f.field, 2), encodeVarint(bytes.length), bytes);
    } else if ('message' in f) {
      if (f.message === undefined) continue;
      parts.push(key(f.field, 2), encodeVarint(f.message.length), f.message);
    } else {
      if (!f.double) continue;
      const b = Buffer.alloc(8);
      b.writeDoubleLE(f.double);
      parts.push(key(f.field, 1), b);
    }
  }
  return Buffer.concat(parts);
}

/** One decoded field value: varints as bigint (uint64 must stay exact), the rest as raw bytes. */
export type PbValue = { wire: 0; varint: bigint } | { wire: 1 | 2 | 5; bytes: Buffer };

export type PbDecoded = { ok: true; fields: Map<number, PbValue[]> } | { ok: false; error: string };

function readVarint(buf: Buffer, pos: number): [bigint, number] | undefined {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length && shift < 70n; i++) {
    const b = buf[i]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [BigInt.asUintN(64, result), i + 1];
    shift += 7n;
  }
  return undefined;
}

/** Decodes one message level; never throws: truncated or malformed input is an error value. */
export function decodeMessage(buf: Buffer): PbDecoded {
  const fields = new Map<number, PbValue[]>();
  let pos = 0;
  while (pos < buf.length) {
    const k = readVarint(buf, pos);
    if (!k) return { ok: false, error: `truncated field key at byte ${pos}` };
    const [tag, next] = k;
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (field === 0) return { ok: false, error: `field number 0 at byte ${pos}` };
    pos = next;
    let value: PbValue;
    if (wire === 0) {
      const v = readVarint(buf, pos);
      if (!v) return { ok: false, error: `truncated varint of field ${field}` };
      value = { wire: 0, varint: v[0] };
      pos = v[1];
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) return { ok: false, error: `truncated fixed field ${field}` };
      value = { wire, bytes: buf.subarray(pos, pos + size) };
      pos += size;
    } else if (wire === 2) {
      const len = readVarint(buf, pos);
      if (!len) return { ok: false, error: `truncated length of field ${field}` };
      const end = len[1] + Number(len[0]);
      if (len[0] > BigInt(buf.length) || end > buf.length)
        return { ok: false, error: `field ${field} runs past the end` };
      value = { wire: 2, bytes: buf.subarray(len[1], end) };
      pos = end;
    } else return { ok: false, error: `unsupported wire type ${wire} of field ${field}` };
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return { ok: true, fields };
}

/** Last value wins for a non-repeated field (protobuf merge semantics). */
function last(fields: Map<number, PbValue[]>, field: number): PbValue | undefined {
  const list = fields.get(field);
  return list?.[list.length - 1];
}

export function getUint(fields: Map<number, PbValue[]>, field: number): bigint | undefined {
  const v = last(fields, field);
  return v?.wire === 0 ? v.varint : undefined;
}

export function getBytes(fields: Map<number, PbValue[]>, field: number): Buffer | undefined {
  const v = last(fields, field);
  return v?.wire === 2 ? v.bytes : undefined;
}

export function getString(fields: Map<number, PbValue[]>, field: number): string | undefined {
  return getBytes(fields, field)?.toString('utf8');
}
