// Bytes of a document file → the text VS Code would show: UTF-8 (BOM dropped, as the editor hides it),
// UTF-16 with or without a BOM (Windows "Unicode" text), lone CR line breaks read as LF (same length, so
// offsets keep their meaning). Invalid UTF-8 becomes U+FFFD with a warning at its place; real binary is refused.

export type DecodedDocument = { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; warnings: DecodeWarning[] } | { ok: false; reason: string };

export interface DecodeWarning {
  message: string;
  /** Offset in the decoded text. */
  offset: number;
}

const SAMPLE = 8192;

/** Native helpers a host may lend (node:buffer's isAscii and isUtf8): the same answers, faster. */
export interface DecodeHelpers {
  isAscii?(bytes: Uint8Array): boolean;
  isUtf8?(bytes: Uint8Array): boolean;
  latin1?(bytes: Uint8Array): string;
}

export function decodeDocument(bytes: Uint8Array, helpers: DecodeHelpers = {}): DecodedDocument {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const guessed = guessUtf16(bytes);
  if (guessed) return utf16(bytes, guessed);
  const sample = bytes.subarray(0, SAMPLE);
  if (sample.includes(0)) return { ok: false, reason: 'looks binary (NUL bytes, and not UTF-16)' };
  // Pure ASCII (most research text in English) decodes fastest as Latin-1, to the same string.
  if (helpers.isAscii?.(bytes) && helpers.latin1) return { ok: true, text: lineBreaks(helpers.latin1(bytes)), encoding: 'utf-8', warnings: [] };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const invalid = helpers.isUtf8?.(body) ? -1 : firstInvalidUtf8(body);
  const text = lineBreaks(new TextDecoder('utf-8').decode(body));
  const warnings: DecodeWarning[] = [];
  if (invalid !== -1) {
    const offset = new TextDecoder('utf-8').decode(body.subarray(0, invalid)).length;
    warnings.push({ message: 'invalid UTF-8 here (and perhaps later): such bytes are read as U+FFFD "\ufffd"; save the file as UTF-8', offset });
  }
  return { ok: true, text, encoding: 'utf-8', warnings };
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedDocument {
  const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  const text = lineBreaks(new TextDecoder(encoding).decode(even));
  const warnings: DecodeWarning[] = even === bytes ? [] : [{ message: `odd number of bytes for ${encoding}: the last byte is ignored`, offset: text.length }];
  return { ok: true, text, encoding, warnings };
}

/** UTF-16 without a BOM: text in it has a NUL in (nearly) every other byte. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Lone CR (old Mac line ends) as LF: one character for one, so every offset stays where it was. */
function lineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
