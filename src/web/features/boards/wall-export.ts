import type { Board } from '../../../contract/board.ts';
import type { BoardColor } from '../../../domain/board.ts';
import { type WallPlace, wallBounds } from '../../../domain/board-wall.ts';

/** The palette of board-colors.module.css (strong edge, light tint), for drawing outside CSS. */
const palette: Record<BoardColor | 'none', { strong: string; tint: string }> = {
  blue: { strong: '#0072b2', tint: '#dcecf7' },
  yellow: { strong: '#e5d600', tint: '#fbf6c8' },
  green: { strong: '#009e73', tint: '#d4f0e6' },
  pink: { strong: '#cc79a7', tint: '#f6e1ee' },
  orange: { strong: '#e69f00', tint: '#fcebcc' },
  purple: { strong: '#7e57a6', tint: '#e9e0f3' },
  grey: { strong: '#6b6b6b', tint: '#ececec' },
  none: { strong: '#9aa5ae', tint: '#fff7b0' },
};

const MARGIN = 40;
const MAX_SIDE = 8000;

/** Lines of `text` that fit `width`, at most `max` (the last one ends with an ellipsis if cut). */
function wrap(context: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (context.measureText(next).width <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `${lines[max - 1] ?? ''}…`];
}

/** The wall drawn on a canvas, as everyone sees it (zones below, post-its on top). */
export function drawWall(board: Board, places: Map<string, WallPlace>): HTMLCanvasElement {
  const bounds = wallBounds(places.values(), board.zones);
  const width = bounds.width + MARGIN * 2;
  const height = bounds.height + MARGIN * 2 + 50;
  const scale = Math.min(2, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No canvas');
  context.scale(scale, scale);
  context.fillStyle = '#f7f5ef';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1f2328';
  context.font = 'bold 24px system-ui, sans-serif';
  context.fillText(board.title, MARGIN, MARGIN);
  context.translate(MARGIN - bounds.x, MARGIN + 50 - bounds.y);

  for (const zone of board.zones) {
    const colors = palette[zone.color ?? 'none'];
    context.fillStyle = `${colors.tint}aa`;
    context.strokeStyle = colors.strong;
    context.lineWidth = 2;
    context.fillRect(zone.x, zone.y, zone.width, zone.height);
    context.strokeRect(zone.x, zone.y, zone.width, zone.height);
    context.fillStyle = '#1f2328';
    context.font = 'bold 22px system-ui, sans-serif';
    context.fillText(zone.title, zone.x + 14, zone.y + 32, zone.width - 28);
  }

  const colorOf = new Map(board.categories.map((category) => [category.id, category.color]));
  for (const note of board.notes) {
    const place = places.get(note.id);
    if (!place) continue;
    const colors = palette[(note.categoryId && colorOf.get(note.categoryId)) || 'none'];
    const { x, y, side } = place;
    context.save();
    context.shadowColor = 'rgba(0,0,0,0.25)';
    context.shadowBlur = 8;
    context.shadowOffsetY = 4;
    context.fillStyle = colors.tint;
    context.fillRect(x, y, side, side);
    context.restore();
    context.fillStyle = colors.strong;
    context.fillRect(x, y, side, 10);
    const fontSize = side < 150 ? 13 : side < 200 ? 15 : 19;
    context.fillStyle = '#1f2328';
    context.font = `${fontSize}px system-ui, sans-serif`;
    const lineHeight = fontSize * 1.25;
    const lines = wrap(context, note.text, side - 20, Math.floor((side - 44) / lineHeight));
    for (const [index, line] of lines.entries())
      context.fillText(line, x + 10, y + 18 + lineHeight * (index + 1));
    context.font = '12px system-ui, sans-serif';
    context.fillStyle = '#444';
    const footer = [note.author?.name, note.dots ? `● ${note.dots}` : null].filter(Boolean).join('  ');
    if (footer) context.fillText(footer, x + 10, y + side - 10, side - 20);
  }
  return canvas;
}

const toBlob = (canvas: HTMLCanvasElement) =>
  new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG'))), 'image/png'),
  );

export function wallPng(board: Board, places: Map<string, WallPlace>): Promise<Blob> {
  return toBlob(drawWall(board, places));
}

/** The same picture on one PDF page of its own size (pdf-lib, loaded only for this). */
export async function wallPdf(board: Board, places: Map<string, WallPlace>): Promise<Blob> {
  const canvas = drawWall(board, places);
  const png = new Uint8Array(await (await toBlob(canvas)).arrayBuffer());
  const { PDFDocument } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(board.title);
  pdf.setCreator('Archipel');
  const image = await pdf.embedPng(png);
  // At most an A3's long side (1191 pt), in proportion.
  const ratio = Math.min(1, 1191 / Math.max(image.width, image.height));
  const page = pdf.addPage([image.width * ratio, image.height * ratio]);
  page.drawImage(image, { x: 0, y: 0, width: image.width * ratio, height: image.height * ratio });
  const bytes = await pdf.save();
  return new Blob([bytes.slice().buffer], { type: 'application/pdf' });
}
