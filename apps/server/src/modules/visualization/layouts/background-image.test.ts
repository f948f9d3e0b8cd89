import { describe, expect, it } from 'vitest';
import { sniffBackgroundImage } from './background-image.ts';

const svg = (s: string) => sniffBackgroundImage(Buffer.from(s, 'utf8'));

describe('sniffBackgroundImage', () => {
  it('reads an SVG size from width/height, else from the viewBox', () => {
    expect(svg('<svg width="300" height="200px"></svg>')).toEqual({
      type: 'image/svg+xml',
      width: 300,
      height: 200,
    });
    expect(
      svg('\uFEFF<?xml version="1.0"?><!-- plan --><!DOCTYPE svg><svg viewBox="0,0,640.4,480">'),
    ).toEqual({
      type: 'image/svg+xml',
      width: 640,
      height: 480,
    });
    // percentages say nothing about the drawing: the viewBox decides
    expect(svg('<svg width="100%" height="100%" viewBox="0 0 800 600">')).toMatchObject({
      width: 800,
      height: 600,
    });
  });

  it('refuses an SVG without a size, HTML, and an empty body', () => {
    expect(() => svg('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toThrow(/neither a width and height/);
    expect(() => svg('<html><svg width="1" height="1"></svg></html>')).toThrow(/only PNG, JPEG and SVG/);
    expect(() => sniffBackgroundImage(Buffer.alloc(0))).toThrow(/raw request body/);
    expect(() => sniffBackgroundImage('<svg width="1" height="1">')).toThrow(/raw request body/);
  });

  it('refuses a JPEG that ends before its frame header', () => {
    expect(() =>
      sniffBackgroundImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0, 0, 0, 0, 0, 0])),
    ).toThrow(/no frame header/);
  });
});
