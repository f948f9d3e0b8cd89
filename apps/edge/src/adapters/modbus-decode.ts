import type { TModbusRegister } from '../config/config.schema.ts';

type TType = TModbusRegister['type'];
type TOrder = TModbusRegister['byteOrder'];

export const registerWords = (type: TType) => (type === 'int16' || type === 'uint16' ? 1 : 2);

/**
 * Decodes the 16-bit words read from a device (as the protocol delivers them: first byte high).
 * byteOrder LE: the device swaps the two bytes inside each register; wordOrder LE: a 32-bit value's low
 * word comes first (the common "CDAB" float of many meters).
 */
export function decodeRegisters({
  words,
  type,
  byteOrder = 'BE',
  wordOrder = 'BE',
}: {
  words: number[];
  type: TType;
  byteOrder?: TOrder;
  wordOrder?: TOrder;
}): number {
  const n = registerWords(type);
  if (words.length < n) throw new Error(`${type} needs ${n} registers, got ${words.length}`);
  const ordered = n === 2 && wordOrder === 'LE' ? [words[1]!, words[0]!] : words.slice(0, n);
  const buf = Buffer.alloc(n * 2);
  ordered.forEach((w, i) => {
    const v = byteOrder === 'LE' ? ((w & 0xff) << 8) | (w >> 8) : w;
    buf.writeUInt16BE(v & 0xffff, i * 2);
  });
  switch (type) {
    case 'int16':
      return buf.readInt16BE(0);
    case 'uint16':
      return buf.readUInt16BE(0);
    case 'int32':
      return buf.readInt32BE(0);
    case 'uint32':
      return buf.readUInt32BE(0);
    case 'float32':
      return buf.readFloatBE(0);
  }
}

/** The inverse, for simulators and tests. */
export function encodeRegisters({
  value,
  type,
  byteOrder = 'BE',
  wordOrder = 'BE',
}: {
  value: number;
  type: TType;
  byteOrder?: TOrder;
  wordOrder?: TOrder;
}): number[] {
  const n = registerWords(type);
  const buf = Buffer.alloc(n * 2);
  if (type === 'int16') buf.writeInt16BE(value);
  else if (type === 'uint16') buf.writeUInt16BE(value);
  else if (type === 'int32') buf.writeInt32BE(value);
  else if (type === 'uint32') buf.writeUInt32BE(value);
  else buf.writeFloatBE(value);
  let words = Array.from({ length: n }, (_, i) => buf.readUInt16BE(i * 2));
  if (byteOrder === 'LE') words = words.map((w) => ((w & 0xff) << 8) | (w >> 8));
  return n === 2 && wordOrder === 'LE' ? [words[1]!, words[0]!] : words;
}
