// Reading documents for the command line: decoded as the editor would (UTF-8 or UTF-16, BOM dropped),
// over-size and binary files skipped with a notice, unreadable ones reported and counted, never fatal.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeDocument, LineIndex, parseSafely, summarizeDocument, type CodebookLookup, type DocumentSummary } from '../core';
import { printable } from './printable';

export interface FileSummary {
  file: string;
  summary: DocumentSummary;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ReadOptions {
  maxFileSize: number;
  warn(message: string): void;
  /** Called for a file that could not be read at all (the run goes on, and ends non-zero). */
  failed(file: string): void;
}

const HELPERS = { isAscii, isUtf8, latin1: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };

/**
 * The file's bytes, or its size when over `maxSize`: one open, fstat and read (a stat before readFileSync
 * was one system call more per file, for the same answer).
 */
function readUpTo(file: string, maxSize: number): Buffer | number {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return readFileSync(fd);
    if (stats.size > maxSize) return stats.size;
    const bytes = Buffer.allocUnsafe(stats.size);
    let at = 0;
    while (at < bytes.length) {
      const read = readSync(fd, bytes, at, bytes.length - at, at);
      if (read === 0) break;
      at += read;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** A document's text; undefined (with a notice) for a file too large, binary or unreadable. */
export function readDocument(file: string, options: ReadOptions): string | undefined {
  const shown = printable(file);
  let bytes: Buffer | number;
  try {
    bytes = readUpTo(file, options.maxFileSize);
    if (typeof bytes === 'number') {
      options.warn(`${shown}: skipped, ${bytes} bytes is over the size limit (--max-file-size ${options.maxFileSize})`);
      return undefined;
    }
  } catch (error) {
    options.warn(`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    options.failed(file);
    return undefined;
  }
  const decoded = decodeDocument(bytes, HELPERS);
  if (!decoded.ok) {
    options.warn(`${shown}: skipped, ${decoded.reason}`);
    return undefined;
  }
  if (decoded.warnings.length) {
    const lines = new LineIndex(decoded.text);
    for (const warning of decoded.warnings) {
      const at = lines.positionAt(warning.offset);
      options.warn(`${shown}:${at.line + 1}:${at.character + 1}: warning: ${warning.message}`);
    }
  }
  return decoded.text;
}

/**
 * One file at a time, so each document's passages die young. (Worker threads were tried: on the 2-core
 * machines here two parsing threads each ran about 1.5 times slower, and cloning summaries back ate the rest.)
 */
export function summarizeFiles(files: string[], lookup: CodebookLookup, options: ReadOptions): FileSummary[] {
  const out: FileSummary[] = [];
  for (const file of files) {
    const text = readDocument(file, options);
    if (text !== undefined) out.push({ file, summary: summarizeDocument(parseSafely(text, lookup)) });
  }
  return out;
}
