import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from './woff';

const DIR = path.join(process.cwd(), 'node_modules', '@fontsource', 'noto-sans', 'files');

describe('woffToSfnt', () => {
  it.each([
    ['noto-sans-latin-400-normal.woff', 'Energy cost 1,234.56 – fi'],
    ['noto-sans-latin-ext-400-normal.woff', '₿ Łódź ő'],
  ])('unwraps %s into a TrueType font that measures text as the WOFF does', (file, text) => {
    const woff = readFileSync(path.join(DIR, file));
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4)); // the WOFF's flavor (TrueType)
    expect(sfnt.readUInt16BE(4)).toBe(woff.readUInt16BE(12)); // same table count
    expect(sfnt.length).toBeGreaterThan(woff.length);
    const doc = new PDFDocument();
    doc.registerFont('woff', woff);
    doc.registerFont('sfnt', sfnt);
    const woffWidth = doc.font('woff').fontSize(10).widthOfString(text);
    expect(woffWidth).toBeGreaterThan(20);
    expect(doc.font('sfnt').fontSize(10).widthOfString(text)).toBe(woffWidth);
    expect(doc.font('sfnt').heightOfString(text)).toBe(doc.font('woff').heightOfString(text));
  });

  it('refuses what is not WOFF 1.0', () => {
    expect(() => woffToSfnt(Buffer.alloc(64))).toThrow(/WOFF/);
  });
});
