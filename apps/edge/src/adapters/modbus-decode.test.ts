import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRegisters, encodeRegisters } from './modbus-decode.ts';

describe('Modbus register decoding', () => {
  it('worked examples: 16-bit, 32-bit and the four float32 layouts (ABCD, CDAB, BADC, DCBA)', () => {
    expect(decodeRegisters({ words: [0xfffe], type: 'int16' })).toBe(-2);
    expect(decodeRegisters({ words: [0xfffe], type: 'uint16' })).toBe(65534);
    expect(decodeRegisters({ words: [0x0001, 0x0002], type: 'uint32' })).toBe(65538);
    expect(decodeRegisters({ words: [0x0002, 0x0001], type: 'uint32', wordOrder: 'LE' })).toBe(65538);
    expect(decodeRegisters({ words: [0xffff, 0xfffe], type: 'int32' })).toBe(-2);
    // 12.5 = 0x41480000
    expect(decodeRegisters({ words: [0x4148, 0x0000], type: 'float32' })).toBe(12.5); // ABCD
    expect(decodeRegisters({ words: [0x0000, 0x4148], type: 'float32', wordOrder: 'LE' })).toBe(12.5); // CDAB
    expect(decodeRegisters({ words: [0x4841, 0x0000], type: 'float32', byteOrder: 'LE' })).toBe(12.5); // BADC
    expect(
      decodeRegisters({ words: [0x0000, 0x4841], type: 'float32', byteOrder: 'LE', wordOrder: 'LE' }),
    ).toBe(12.5); // DCBA
    expect(decodeRegisters({ words: [0x3412], type: 'uint16', byteOrder: 'LE' })).toBe(0x1234);
  });

  it('property: encode then decode gives the value back in every byte and word order', () => {
    const order = fc.constantFrom('BE' as const, 'LE' as const);
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        order,
        order,
        (value, byteOrder, wordOrder) => {
          const o = { type: 'int32' as const, byteOrder, wordOrder };
          expect(decodeRegisters({ words: encodeRegisters({ value, ...o }), ...o })).toBe(value);
        },
      ),
    );
    fc.assert(
      fc.property(fc.float({ noNaN: true }), order, order, (value, byteOrder, wordOrder) => {
        const o = { type: 'float32' as const, byteOrder, wordOrder };
        expect(decodeRegisters({ words: encodeRegisters({ value, ...o }), ...o })).toBe(value);
      }),
    );
  });
});
