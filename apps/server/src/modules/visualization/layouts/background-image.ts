import { MAX_PLANT_LAYOUT_IMAGE_BYTES, type PLANT_LAYOUT_IMAGE_TYPES } from '@greenmes/contracts';
import { AppError } from '../../../platform/http/errors.ts';

export interface BackgroundImage {
  type: (typeof PLANT_LAYOUT_IMAGE_TYPES)[number];
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MIB = 1024 * 1024;

const badFile = (reason: string) => new AppError('BAD_FILE', { reason });

/** PNG: the signature, then the IHDR chunk with width and height as big-endian 32-bit integers. */
function png(bytes: Buffer): BackgroundImage | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw badFile('the PNG has no IHDR header');
  return { type: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** JPEG: walk the segments to the first start-of-frame (SOF0..SOF15 except DHT, JPG and DAC). */
function jpeg(bytes: Buffer): BackgroundImage | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) throw badFile('the JPEG is damaged');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame)
      return { type: 'image/jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw badFile('the JPEG has no frame header');
}

/** A length in user units: unitless or px; percentages and other units say nothing about the drawing's size. */
function svgLength(value: string | undefined): number | null {
  const m = value?.trim().match(/^(\d+(?:\.\d+)?)(px)?$/);
  return m ? Number(m[1]) : null;
}

/** SVG: the root element after an optional BOM, XML declaration, comments and doctype; size from width/height or the viewBox. */
function svg(bytes: Buffer): BackgroundImage | null {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const prolog = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i.exec(text)![0];
  const root = /^<svg\b([^>]*)>/i.exec(text.slice(prolog.length));
  if (!root) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root[1]!)?.[1];
  const viewBox = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const fromBox = viewBox?.length === 4 && viewBox.every(Number.isFinite) ? viewBox : null;
  const width = svgLength(attr('width')) ?? fromBox?.[2] ?? null;
  const height = svgLength(attr('height')) ?? fromBox?.[3] ?? null;
  if (!width || !height) throw badFile('the SVG declares neither a width and height nor a viewBox');
  return { type: 'image/svg+xml', width: Math.round(width), height: Math.round(height) };
}

/**
 * What a floor-plan upload is, from its bytes (never its name or declared type): PNG, JPEG or SVG with
 * its size in pixels. Anything else is refused with the reason; over the size limit is 413.
 */
export function sniffBackgroundImage(body: unknown): BackgroundImage {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw badFile('send the image as the raw request body (Content-Type application/octet-stream)');
  if (body.length > MAX_PLANT_LAYOUT_IMAGE_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', {}, [
      {
        path: 'body',
        message: `the image is ${(body.length / MIB).toFixed(1)} MiB; at most ${MAX_PLANT_LAYOUT_IMAGE_BYTES / MIB} MiB`,
      },
    ]);
  const image = png(body) ?? jpeg(body) ?? svg(body);
  if (!image) throw badFile('only PNG, JPEG and SVG images can be a floor plan');
  if (image.width < 1 || image.height < 1 || image.width > 100_000 || image.height > 100_000)
    throw badFile(`the image's size ${image.width}×${image.height} px is not usable`);
  return image;
}
