// Where exports and imports are written: never onto an input, never where the next run would read the
// output back as a document, and any failure as one line "cannot write FILE: reason".
import { realpathSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isDocumentPath } from './files';

export class OutFileError extends Error {}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not there yet: its folder's real path and its name.
    try {
      return resolve(realpathSync(dirname(resolve(path))), resolve(path).split(sep).pop()!);
    } catch {
      return resolve(path);
    }
  }
}

/** Refuses an output path that is an input file, or a document-like file inside an input folder. */
export function checkOutPath(out: string, inputFiles: string[], inputPaths: string[]): void {
  const target = real(out);
  if (inputFiles.some((file) => real(file) === target)) throw new OutFileError(`refusing to write ${out}: it is one of the input documents`);
  if (isDocumentPath(target)) {
    for (const path of inputPaths) {
      const folder = real(path);
      if (target.startsWith(folder + sep)) throw new OutFileError(`refusing to write ${out}: it is inside ${path}, so the next run would read the export as a document; choose another name or folder`);
    }
  }
}

export function writeOut(out: string, content: string | Uint8Array): void {
  try {
    writeFileSync(out, content);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'its folder does not exist' : e.code === 'EISDIR' ? 'it is a folder' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : (e.code ?? e.message);
    throw new OutFileError(`cannot write ${out}: ${reason}`);
  }
}

/** Replaces a file by writing a temporary one beside it and renaming it over: readers see the old or the new file, never half of one. Throws what the file system throws. */
export function replaceFile(file: string, content: string | Uint8Array): void {
  const temporary = join(dirname(file), `.${basename(file)}.evidence-tagger-${process.pid}`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
