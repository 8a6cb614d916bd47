/** The server refuses bodies over 1 MB; a bigger file is refused here, before any upload. */
export const maxImportBytes = 1_000_000;

export type TextFileResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'tooLarge' | 'notText' | 'notUtf8' | 'unreadable' };

const textName = /\.(txt|md|markdown)$/i;

/** Whether a picked file is plain text or Markdown, by its type or, failing that, its name. */
export function isTextFile(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type.startsWith('text/') || textName.test(file.name);
}

/**
 * Reads a .txt or .md file as UTF-8. FileReader turns bytes that are not UTF-8 into U+FFFD, the
 * mark the server also looks for: a Latin-1 export is caught here with a clearer message.
 */
export function readTextFile(file: File): Promise<TextFileResult> {
  if (file.size > maxImportBytes) return Promise.resolve({ ok: false, reason: 'tooLarge' });
  if (!isTextFile(file)) return Promise.resolve({ ok: false, reason: 'notText' });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : '';
      resolve(text.includes('\uFFFD') ? { ok: false, reason: 'notUtf8' } : { ok: true, text });
    };
    reader.onerror = () => resolve({ ok: false, reason: 'unreadable' });
    reader.readAsText(file, 'utf-8');
  });
}

/** The UTF-8 size of pasted text, which is what the server counts. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
