import { strToU8, zipSync } from 'fflate';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { type Block, type Inline, parseMarkdown } from '../../../domain/markdown.ts';

/**
 * The minutes' Markdown as an OpenDocument text (.odt, for LibreOffice and Word) and as a PDF, both
 * built from the same tree the web renders: headings, paragraphs, lists, quotes, code, bold,
 * italics and http(s)/mailto links. Nothing of the text is ever read as markup.
 */

/** One run of text with its look, what both formats lay out. */
interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
  href?: string;
}

function runsOf(
  nodes: Inline[],
  look: Omit<Run, 'text'> = { bold: false, italic: false, code: false },
): Run[] {
  return nodes.flatMap((node): Run[] => {
    switch (node.kind) {
      case 'text':
        return [{ ...look, text: node.text }];
      case 'strong':
        return runsOf(node.children, { ...look, bold: true });
      case 'em':
        return runsOf(node.children, { ...look, italic: true });
      case 'code':
        return [{ ...look, code: true, text: node.text }];
      case 'link':
        return runsOf(node.children, { ...look, href: node.href });
      case 'wiki':
        return [{ ...look, text: node.term }];
      case 'break':
        return [{ ...look, text: '\n' }];
      default:
        return [];
    }
  });
}

// ---------------------------------------------------------------------------------------------
// OpenDocument text

const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 forbids (controls other than tab and newline) are dropped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: this is what the regex removes.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

function odtRuns(nodes: Inline[]): string {
  return runsOf(nodes)
    .map((run) => {
      // Runs of spaces and breaks have their own elements in ODF.
      let body = xml(run.text)
        .replace(/\n/g, '<text:line-break/>')
        .replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`);
      const style = run.code
        ? 'Code'
        : run.bold && run.italic
          ? 'BoldItalic'
          : run.bold
            ? 'Bold'
            : run.italic
              ? 'Italic'
              : '';
      if (style) body = `<text:span text:style-name="${style}">${body}</text:span>`;
      if (run.href) body = `<text:a xlink:type="simple" xlink:href="${xml(run.href)}">${body}</text:a>`;
      return body;
    })
    .join('');
}

function odtBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}">${odtRuns(block.children)}</text:h>`;
    case 'paragraph':
      return `<text:p text:style-name="Text_20_body">${odtRuns(block.children)}</text:p>`;
    case 'list':
      return `<text:list text:style-name="${block.isOrdered ? 'Numbers' : 'Bullets'}">${block.items
        .map(
          (item) =>
            `<text:list-item><text:p text:style-name="Text_20_body">${odtRuns(item)}</text:p></text:list-item>`,
        )
        .join('')}</text:list>`;
    case 'quote':
      return `<text:p text:style-name="Quotations">${odtRuns(block.children)}</text:p>`;
    case 'code':
      return block.text
        .split('\n')
        .map(
          (line) =>
            `<text:p text:style-name="Preformatted_20_Text">${odtRuns([{ kind: 'text', text: line }])}</text:p>`,
        )
        .join('');
    case 'rule':
      return '<text:p text:style-name="Horizontal_20_Line"/>';
    default:
      return '';
  }
}

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

const heading = (level: number, size: string) =>
  `<style:style style:name="Heading_20_${level}" style:display-name="Heading ${level}" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="${level}"><style:text-properties fo:font-size="${size}" fo:font-weight="bold"/></style:style>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.2"><office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans', Arial, sans-serif" fo:font-size="11pt" fo:language="fr" fo:country="FR"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/></style:style>
${heading(1, '18pt')}${heading(2, '15pt')}${heading(3, '13pt')}${heading(4, '12pt')}${heading(5, '11pt')}${heading(6, '11pt')}
<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:margin-left="1cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties style:font-name="Liberation Mono" fo:font-family="'Liberation Mono', monospace" fo:font-size="10pt"/></style:style>
<style:style style:name="Horizontal_20_Line" style:display-name="Horizontal Line" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:border-bottom="0.06pt solid #808080" fo:margin-bottom="0.3cm"/></style:style>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.5cm" fo:margin-left="1cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numbers"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.5cm" fo:margin-left="1cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:styles></office:document-styles>`;

const AUTOMATIC = `<office:automatic-styles>
<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="BoldItalic" style:family="text"><style:text-properties fo:font-weight="bold" fo:font-style="italic"/></style:style>
<style:style style:name="Code" style:family="text"><style:text-properties style:font-name="Liberation Mono" fo:font-family="'Liberation Mono', monospace"/></style:style>
</office:automatic-styles>`;

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

export const ODT_MIME = 'application/vnd.oasis.opendocument.text';

/** The minutes as an .odt file: a zip whose first entry is the uncompressed mimetype, as ODF requires. */
export function minutesToOdt(markdown: string, title: string): Uint8Array {
  const body = parseMarkdown(markdown).map(odtBlock).join('\n');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.2">${AUTOMATIC}<office:body><office:text>
${body}
</office:text></office:body></office:document-content>`;
  const meta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.2"><office:meta><meta:generator>Archipel</meta:generator><dc:title>${xml(title)}</dc:title><dc:language>fr-FR</dc:language></office:meta></office:document-meta>`;
  // Insertion order is the archive's order: the mimetype must come first, stored, without extra field.
  return zipSync({
    mimetype: [strToU8(ODT_MIME), { level: 0 }],
    'META-INF/manifest.xml': strToU8(MANIFEST),
    'content.xml': strToU8(content),
    'styles.xml': strToU8(STYLES),
    'meta.xml': strToU8(meta),
  });
}

// ---------------------------------------------------------------------------------------------
// PDF

/** What Windows-1252 (the standard PDF fonts' encoding) holds beyond Latin-1: œ, €, quotes, dashes… */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the standard fonts can draw: French needs nothing beyond Windows-1252 (é, à, ç, œ, « », —);
 * narrow and no-break spaces become spaces, anything else (emoji, other scripts) a "?".
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\u202f' || char === '\u2009' || char === '\u00a0') out += ' ';
    else if (char === '\u2192') out += '->';
    else if (char === '\u2610') out += '[ ]';
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char))
      out += char;
    else if (char === '\t') out += '    ';
    else out += '?';
  }
  return out;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
  mono: PDFFont;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const LINK = rgb(0.055, 0.353, 0.431);
const INK = rgb(0.106, 0.145, 0.188);

class PdfWriter {
  private page: PDFPage;
  private y = A4.height - MARGIN;

  private readonly pdf: PDFDocument;
  private readonly fonts: Fonts;

  constructor(pdf: PDFDocument, fonts: Fonts) {
    this.pdf = pdf;
    this.fonts = fonts;
    this.page = pdf.addPage([A4.width, A4.height]);
  }

  private fontOf(run: Run): PDFFont {
    if (run.code) return this.fonts.mono;
    if (run.bold && run.italic) return this.fonts.boldItalic;
    if (run.bold) return this.fonts.bold;
    if (run.italic) return this.fonts.italic;
    return this.fonts.regular;
  }

  private ensure(height: number) {
    if (this.y - height >= MARGIN) return;
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }

  space(points: number) {
    this.y -= points;
  }

  /** Lays runs out in lines that fit the width, word by word, each word in its run's font. */
  paragraph(
    runs: Run[],
    { size = 11, indent = 0, bullet = '' }: { size?: number; indent?: number; bullet?: string },
  ) {
    const left = MARGIN + indent;
    const width = A4.width - MARGIN - left;
    const lineHeight = size * 1.4;
    type Word = { text: string; run: Run; font: PDFFont; width: number };
    const lines: Word[][] = [[]];
    let lineWidth = 0;
    for (const run of runs) {
      const font = this.fontOf(run);
      for (const piece of pdfSafe(run.text).split(/(\n| +)/)) {
        if (piece === '') continue;
        if (piece === '\n') {
          lines.push([]);
          lineWidth = 0;
          continue;
        }
        const isSpace = piece.trim() === '';
        const pieceWidth = font.widthOfTextAtSize(isSpace ? ' ' : piece, size);
        const line = lines.at(-1) as Word[];
        if (isSpace) {
          if (line.length > 0) {
            line.push({ text: ' ', run, font, width: pieceWidth });
            lineWidth += pieceWidth;
          }
          continue;
        }
        if (lineWidth + pieceWidth > width && line.length > 0) {
          while (line.at(-1)?.text === ' ') lineWidth -= line.pop()?.width ?? 0;
          lines.push([]);
          lineWidth = 0;
        }
        (lines.at(-1) as Word[]).push({ text: piece, run, font, width: pieceWidth });
        lineWidth += pieceWidth;
      }
    }
    lines.forEach((line, index) => {
      this.ensure(lineHeight);
      this.y -= size;
      if (index === 0 && bullet) {
        this.page.drawText(pdfSafe(bullet), {
          x: left - this.fonts.regular.widthOfTextAtSize(pdfSafe(bullet), size) - 4,
          y: this.y,
          size,
          font: this.fonts.regular,
          color: INK,
        });
      }
      let x = left;
      for (const word of line) {
        this.page.drawText(word.text, {
          x,
          y: this.y,
          size,
          font: word.font,
          color: word.run.href ? LINK : INK,
        });
        x += word.width;
      }
      this.y -= lineHeight - size;
    });
  }

  rule() {
    this.ensure(12);
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4.width - MARGIN, y: this.y },
      thickness: 0.5,
      color: rgb(0.5, 0.5, 0.5),
    });
    this.y -= 6;
  }
}

const HEADING_SIZES = [20, 16, 13.5, 12, 11, 11];

/** The minutes as a PDF on A4 pages, in the standard Helvetica fonts (no font file to ship). */
export async function minutesToPdf(markdown: string, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(pdfSafe(title));
  pdf.setLanguage('fr-FR');
  pdf.setCreator('Archipel');
  pdf.setProducer('Archipel');
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
    boldItalic: await pdf.embedFont(StandardFonts.HelveticaBoldOblique),
    mono: await pdf.embedFont(StandardFonts.Courier),
  };
  const writer = new PdfWriter(pdf, fonts);
  for (const block of parseMarkdown(markdown)) {
    switch (block.kind) {
      case 'heading': {
        const size = HEADING_SIZES[block.level - 1] ?? 11;
        writer.space(size * 0.6);
        writer.paragraph(
          runsOf(block.children).map((run) => ({ ...run, bold: true })),
          { size },
        );
        writer.space(3);
        break;
      }
      case 'paragraph':
        writer.paragraph(runsOf(block.children), {});
        writer.space(5);
        break;
      case 'list':
        block.items.forEach((item, index) => {
          writer.paragraph(runsOf(item), { indent: 18, bullet: block.isOrdered ? `${index + 1}.` : '•' });
          writer.space(2);
        });
        writer.space(4);
        break;
      case 'quote':
        writer.paragraph(
          runsOf(block.children).map((run) => ({ ...run, italic: true })),
          { indent: 18 },
        );
        writer.space(5);
        break;
      case 'code':
        writer.paragraph([{ text: block.text, bold: false, italic: false, code: true }], { size: 9.5 });
        writer.space(5);
        break;
      case 'rule':
        writer.rule();
        break;
      default:
        break;
    }
  }
  return pdf.save();
}
