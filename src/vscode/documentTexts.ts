// Text for the views' labels: the index holds no text, so the views read a document when they list its
// passages (from the editor when it is open), once per indexed version.
import * as vscode from 'vscode';
import { excerptOf, type IndexedDocument } from '../core';
import { readDocumentText } from './documentSource';

const texts = new WeakMap<IndexedDocument, Promise<string>>();

export function textOf(document: IndexedDocument): Promise<string> {
  let text = texts.get(document);
  if (!text) {
    // The index only holds documents within the size limit, so no limit applies here.
    text = readDocumentText(vscode.Uri.parse(document.key), Infinity).then((t) => t ?? '');
    texts.set(document, text);
  }
  return text;
}

/** Excerpts of stretches of an indexed document. */
export async function excerptsOf(document: IndexedDocument, ranges: { start: number; end: number }[]): Promise<string[]> {
  const text = await textOf(document);
  return ranges.map(({ start, end }) => excerptOf(text, start, end));
}
