import { type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react';
import styles from './bar-chart.module.css';

export interface BarChartBar {
  /** Full text: wrapped or shortened with "…" in the drawing, always whole in the table. */
  label: string;
  value: number;
  /** A word about this bar (e.g. "median"), written in italics beside its label and value. */
  note?: string;
}

export interface BarChartProps {
  /** The figure's caption and the drawing's accessible name. */
  title: string;
  /** What the drawing shows; when absent the drawing is described by its values ("label: value"). */
  description?: string;
  bars: BarChartBar[];
  /** Horizontal (default) suits long labels (choice options); vertical suits short ones (1–5, 0–10). */
  orientation?: 'horizontal' | 'vertical';
  /** The end of the scale; by default a round number at or above the largest value. */
  max?: number;
  /** Writes values and the scale's ticks, e.g. a locale's Intl.NumberFormat; String by default. */
  valueFormat?: (n: number) => string;
  tableCaption: string;
  labelHeader: string;
  valueHeader: string;
  /**
   * Index of a bar to mark (e.g. the median): hatched and outlined in the drawing, bold in the table.
   * Give that bar a `note` too, so that the mark is also said in words.
   */
  highlight?: number;
}

/** Before the first measure (and where nothing can be measured): a common chart width, 14 px text. */
const fallbackBox = { width: 480, fontSize: 14, font: '14px sans-serif' };

type Box = typeof fallbackBox;

let canvasContext: CanvasRenderingContext2D | null | undefined;

/** Width of a text in the drawing's font: the canvas measures it, else an average glyph is assumed. */
function textWidth(text: string, box: Box): number {
  if (canvasContext === undefined) {
    canvasContext =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!canvasContext) return text.length * box.fontSize * 0.58;
  canvasContext.font = box.font;
  return canvasContext.measureText(text).width;
}

/** Cuts a text into at most `maxLines` lines no wider than `width`; the last ends with "…" if cut. */
function wrap(text: string, width: number, maxLines: number, box: Box): string[] {
  const fits = (s: string) => textWidth(s, box) <= width;
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i += 1) {
    let word = words[i] as string;
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    // A word wider than the line is broken where it overflows.
    while (!fits(word) && lines.length < maxLines) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut -= 1;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
    if (lines.length >= maxLines) break;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] as string;
  while (last.length > 1 && !fits(`${last}…`)) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** 1, 2 or 5 times a power of ten, about `count` steps to `max`; whole steps for whole values. */
function niceStep(max: number, count: number, whole: boolean): number {
  const raw = max / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  const step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
  return whole ? Math.max(1, Math.ceil(step)) : step;
}

function scale(bars: BarChartBar[], max: number | undefined, tickCount: number) {
  const values = bars.map((bar) => Math.max(0, bar.value));
  const largest = Math.max(0, ...values);
  const whole = values.every(Number.isInteger) && (max === undefined || Number.isInteger(max));
  const target = max !== undefined && max > 0 ? max : largest > 0 ? largest : 1;
  const step = niceStep(target, tickCount, whole);
  const end = max !== undefined && max > 0 ? max : Math.ceil(target / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= end + step * 1e-9; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return { end, ticks };
}

function useBox() {
  const ref = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box>(fallbackBox);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const svg = element.querySelector('svg');
      const style = getComputedStyle(svg ?? element);
      const fontSize = Number.parseFloat(style.fontSize) || fallbackBox.fontSize;
      const width = Math.round(element.clientWidth) || fallbackBox.width;
      const font = `${fontSize}px ${style.fontFamily}`;
      setBox((old) =>
        old.width === width && old.fontSize === fontSize && old.font === font
          ? old
          : { width, fontSize, font },
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, box] as const;
}

interface DrawingProps {
  bars: BarChartBar[];
  max: number | undefined;
  format: (n: number) => string;
  highlight: number | undefined;
  box: Box;
  fillFor: (index: number) => string | undefined;
}

interface Drawing {
  height: number;
  content: ReactNode;
}

/** Bars along the width: labels in a column on the left, or above each bar when the chart is narrow. */
function horizontal({ bars, max, format, highlight, box, fillFor }: DrawingProps): Drawing {
  const { width, fontSize } = box;
  const lineHeight = Math.round(fontSize * 1.3);
  const thickness = Math.round(fontSize * 1.7);
  const gap = Math.round(fontSize * 0.8);
  const stacked = width < 30 * fontSize;
  const longest = Math.max(0, ...bars.map((bar) => textWidth(bar.label, box)));
  const labelWidth = stacked ? width : Math.min(Math.ceil(longest) + 2, Math.round(width * 0.36));
  const plotLeft = stacked ? 1 : labelWidth + Math.round(fontSize * 0.75);
  const available = width - plotLeft;
  const firstScale = scale(bars, max, Math.max(2, Math.min(6, Math.floor(available / (fontSize * 5)))));
  const valueRoom = Math.max(
    ...bars.map((bar) => textWidth(format(bar.value), box) + fontSize * 0.5),
    textWidth(format(firstScale.end), box) / 2 + 2,
  );
  const plotWidth = Math.max(available * 0.3, available - valueRoom);
  const { end, ticks } = scale(bars, max, Math.max(2, Math.min(6, Math.floor(plotWidth / (fontSize * 5)))));
  const x = (value: number) => plotLeft + (Math.min(Math.max(0, value), end) / end) * plotWidth;

  let y = Math.round(fontSize * 0.5);
  // Where the scale's lines are drawn: through every row, or only beside the bars when labels sit above them.
  const spans: [number, number][] = [];
  const rows = bars.map((bar, index) => {
    const lines = wrap(bar.label, labelWidth, stacked ? 2 : 3, box);
    const notes = bar.note ? wrap(bar.note, labelWidth, 1, box) : [];
    const textLines = [...lines, ...notes];
    let labelTop: number;
    let barTop: number;
    if (stacked) {
      labelTop = y;
      barTop = y + textLines.length * lineHeight + 2;
      y = barTop + thickness + gap;
      spans.push([barTop - 3, barTop + thickness + 3]);
    } else {
      const rowHeight = Math.max(thickness, textLines.length * lineHeight);
      barTop = y + (rowHeight - thickness) / 2;
      labelTop = y + (rowHeight - textLines.length * lineHeight) / 2;
      y += rowHeight + gap;
    }
    const barEnd = x(bar.value);
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: a bar is its place in the list (labels may repeat); nothing keeps state.
      <g key={`${index}-${bar.label}`}>
        <text className={styles.label} x={stacked ? 0 : labelWidth} textAnchor={stacked ? 'start' : 'end'}>
          {textLines.map((line, i) => (
            <tspan
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, in order.
              key={i}
              x={stacked ? 0 : labelWidth}
              y={labelTop + i * lineHeight + lineHeight * 0.78}
              className={i >= lines.length ? styles.note : undefined}
            >
              {line}
            </tspan>
          ))}
        </text>
        <rect
          className={index === highlight ? styles.highlighted : styles.bar}
          fill={fillFor(index)}
          x={plotLeft}
          y={barTop}
          width={Math.max(0, barEnd - plotLeft)}
          height={thickness}
        />
        <text
          className={styles.value}
          x={barEnd + fontSize * 0.35}
          y={barTop + thickness / 2 + fontSize * 0.36}
        >
          {format(bar.value)}
        </text>
      </g>
    );
  });

  const plotBottom = y - gap + Math.round(fontSize * 0.4);
  const height = plotBottom + lineHeight + 4;
  if (!stacked) spans.push([0, plotBottom]);
  const content = (
    <>
      {spans.map(([top, bottom]) =>
        ticks.map((tick) => (
          <line
            key={`${top}-${tick}`}
            className={styles.grid}
            x1={x(tick)}
            x2={x(tick)}
            y1={top}
            y2={bottom}
          />
        )),
      )}
      {rows}
      {spans.map(([top, bottom]) => (
        <line key={top} className={styles.axis} x1={plotLeft} x2={plotLeft} y1={top} y2={bottom} />
      ))}
      {ticks.map((tick) => (
        <text
          key={tick}
          className={styles.tick}
          x={x(tick)}
          y={plotBottom + lineHeight}
          textAnchor={tick === 0 && stacked ? 'start' : 'middle'}
        >
          {format(tick)}
        </text>
      ))}
    </>
  );
  return { height, content };
}

/** Columns: values above, labels (and notes) below, the scale on the left. */
function vertical({ bars, max, format, highlight, box, fillFor }: DrawingProps): Drawing {
  const { width, fontSize } = box;
  const lineHeight = Math.round(fontSize * 1.3);
  const plotHeight = Math.round(Math.min(Math.max(width * 0.4, fontSize * 11), fontSize * 18));
  const { end, ticks } = scale(bars, max, Math.max(2, Math.min(6, Math.floor(plotHeight / (fontSize * 3)))));
  const axisWidth = Math.ceil(Math.max(...ticks.map((tick) => textWidth(format(tick), box)))) + 6;
  const plotLeft = axisWidth + 2;
  const plotWidth = width - plotLeft - 2;
  const plotTop = lineHeight + 4;
  const plotBottom = plotTop + plotHeight;
  const band = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.min(band * 0.72, fontSize * 4);
  const y = (value: number) => plotBottom - (Math.min(Math.max(0, value), end) / end) * plotHeight;
  const labelLines = bars.map((bar) => wrap(bar.label, band - 2, 2, box));
  const labelRows = Math.max(1, ...labelLines.map((lines) => lines.length));
  const notesTop = plotBottom + 4 + labelRows * lineHeight;
  const hasNotes = bars.some((bar) => bar.note);
  const height = notesTop + (hasNotes ? lineHeight : 0) + 6;

  const columns = bars.map((bar, index) => {
    const centre = plotLeft + band * index + band / 2;
    const top = y(bar.value);
    // A note may be wider than its column: centred on it, but kept inside the drawing.
    const noteText = bar.note ? (wrap(bar.note, width, 1, box)[0] ?? '') : '';
    const half = textWidth(noteText, box) / 2;
    const noteX = Math.min(Math.max(centre, half), width - half);
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: a bar is its place in the list (labels may repeat); nothing keeps state.
      <g key={`${index}-${bar.label}`}>
        <rect
          className={index === highlight ? styles.highlighted : styles.bar}
          fill={fillFor(index)}
          x={centre - barWidth / 2}
          y={top}
          width={barWidth}
          height={plotBottom - top}
        />
        <text className={styles.value} x={centre} y={top - 5} textAnchor="middle">
          {format(bar.value)}
        </text>
        <text className={styles.label} textAnchor="middle">
          {labelLines[index]?.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, in order.
            <tspan key={i} x={centre} y={plotBottom + 4 + i * lineHeight + lineHeight * 0.78}>
              {line}
            </tspan>
          ))}
        </text>
        {noteText ? (
          <text
            className={`${styles.label} ${styles.note}`}
            x={noteX}
            y={notesTop + lineHeight * 0.78}
            textAnchor="middle"
          >
            {noteText}
          </text>
        ) : null}
      </g>
    );
  });

  const content = (
    <>
      {ticks.map((tick) => (
        <g key={tick}>
          <line className={styles.grid} x1={plotLeft} x2={width} y1={y(tick)} y2={y(tick)} />
          <text className={styles.tick} x={axisWidth - 2} y={y(tick) + fontSize * 0.36} textAnchor="end">
            {format(tick)}
          </text>
        </g>
      ))}
      {columns}
      <line className={styles.axis} x1={plotLeft} x2={width} y1={plotBottom} y2={plotBottom} />
    </>
  );
  return { height, content };
}

/**
 * A bar chart that stays readable without colour, without sight and on paper: an SVG image with a
 * title, a description and every value written, beside a table of the same numbers (below it when
 * narrow). Domain-free: every word comes in through the props.
 */
export function BarChart({
  title,
  description,
  bars,
  orientation = 'horizontal',
  max,
  valueFormat = String,
  tableCaption,
  labelHeader,
  valueHeader,
  highlight,
}: BarChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  // Referred to from `fill="url(#…)"`: only characters that need no escaping there.
  const hatchId = `bar-chart-hatch-${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [boxRef, box] = useBox();
  const drawingProps: DrawingProps = {
    bars,
    max,
    format: valueFormat,
    highlight,
    box,
    fillFor: (index) => (index === highlight ? `url(#${hatchId})` : undefined),
  };
  const { height, content } = orientation === 'vertical' ? vertical(drawingProps) : horizontal(drawingProps);
  const summary =
    description ??
    bars
      .map((bar) => `${bar.label}: ${valueFormat(bar.value)}${bar.note ? ` (${bar.note})` : ''}`)
      .join('; ');

  return (
    <figure className={styles.figure}>
      <figcaption className={styles.caption}>{title}</figcaption>
      <div className={styles.body}>
        <div className={styles.drawing} ref={boxRef}>
          <svg
            className={styles.svg}
            role="img"
            aria-labelledby={titleId}
            aria-describedby={descId}
            viewBox={`0 0 ${box.width} ${Math.ceil(height)}`}
            width="100%"
            preserveAspectRatio="xMinYMin meet"
          >
            <title id={titleId}>{title}</title>
            <desc id={descId}>{summary}</desc>
            <defs>
              <pattern
                id={hatchId}
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect className={styles.hatchGround} width="6" height="6" />
                <line className={styles.hatchLine} x1="0" y1="0" x2="0" y2="6" />
              </pattern>
            </defs>
            {content}
          </svg>
        </div>
        <table className={styles.table}>
          <caption>{tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className={styles.number}>
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a bar is its place in the list (labels may repeat); nothing keeps state.
              <tr key={`${index}-${bar.label}`} className={index === highlight ? styles.marked : undefined}>
                <th scope="row">
                  {bar.label}
                  {bar.note ? <span className={styles.tableNote}> {bar.note}</span> : null}
                </th>
                <td className={styles.number}>{valueFormat(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
