/** Bytes → text: BOMs, UTF-8, the two Polish code pages, NUL bytes, line ends. */
import { describe, expect, it } from 'vitest';
import { decodeBytes, guessPolishCodePage } from '../../../src/ingest/decode';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('decodeBytes', () => {
  it('strips a UTF-8 BOM and normalises CRLF and CR', () => {
    expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, ...ascii('a;b\r\nc\rd\n')))).toEqual({
      text: 'a;b\nc\nd\n',
      encoding: 'utf-8-bom',
      nulBytesRemoved: 0,
    });
  });
  it('tells ASCII from UTF-8', () => {
    expect(decodeBytes(bytes(...ascii('abc'))).encoding).toBe('ascii');
    expect(decodeBytes(new TextEncoder().encode('pobór')).encoding).toBe('utf-8');
  });
  it('reads windows-1250 (ą ś ź at 0xB9 0x9C 0x9F)', () => {
    // "Urząd; środa; źródło; węgiel; ŁÓDŹ"
    const text = 'Urząd; środa; źródło; węgiel; ŁÓDŹ';
    const cp1250: Record<string, number> = { ą: 0xb9, ś: 0x9c, ź: 0x9f, ó: 0xf3, ę: 0xea, ł: 0xb3, Ł: 0xa3, Ó: 0xd3, Ź: 0x8f };
    const b = Array.from(text, (c) => cp1250[c] ?? c.charCodeAt(0));
    expect(decodeBytes(new Uint8Array(b))).toEqual({ text, encoding: 'windows-1250', nulBytesRemoved: 0 });
  });
  it('reads ISO-8859-2 (ą ś ź at 0xB1 0xB6 0xBC)', () => {
    const text = 'Urząd; środa; źródło; węgiel; ŁÓDŹ';
    const iso: Record<string, number> = { ą: 0xb1, ś: 0xb6, ź: 0xbc, ó: 0xf3, ę: 0xea, ł: 0xb3, Ł: 0xa3, Ó: 0xd3, Ź: 0xac };
    const b = Array.from(text, (c) => iso[c] ?? c.charCodeAt(0));
    expect(decodeBytes(new Uint8Array(b))).toEqual({ text, encoding: 'iso-8859-2', nulBytesRemoved: 0 });
  });
  it('prefers windows-1250 when only shared letters occur', () => {
    expect(guessPolishCodePage(bytes(0xb3, 0xea, 0xf3))).toBe('windows-1250');
  });
  it('removes NUL bytes and counts them', () => {
    expect(decodeBytes(bytes(0x61, 0, 0x62, 0, 0, 0x0a))).toEqual({ text: 'ab\n', encoding: 'ascii', nulBytesRemoved: 3 });
  });
  it('reads UTF-16 with and without a BOM', () => {
    const le = (s: string) => Array.from(s).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
    const text = 'Data\tWartość\n2025-01-01\t1,5\n';
    expect(decodeBytes(bytes(0xff, 0xfe, ...le(text)))).toMatchObject({ text, encoding: 'utf-16le' });
    expect(decodeBytes(bytes(...le(text)))).toMatchObject({ text, encoding: 'utf-16le' });
  });
  it('never throws on arbitrary bytes', () => {
    const b = new Uint8Array(4096);
    for (let i = 0; i < b.length; i++) b[i] = (i * 7919) & 0xff;
    expect(() => decodeBytes(b)).not.toThrow();
  });
});
