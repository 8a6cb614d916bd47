import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, BoardNote, BoardZone } from '../../../contract/board.ts';
import {
  type NoteSize,
  WALL_LIMIT,
  type WallPlace,
  type WallRect,
  wallBounds,
  wallPlaces,
  ZONE_MAX,
  ZONE_MIN,
  zoneOf,
} from '../../../domain/board-wall.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { useMe } from '../auth/auth-api.ts';
import { useSessionGuests } from '../guests/guest-badge.tsx';
import { usePatchNote, usePatchZone } from './board-api.ts';
import { colorClass } from './category-swatch.tsx';
import styles from './wall.module.css';
import { WallToolbar } from './wall-toolbar.tsx';

export interface WallView {
  x: number;
  y: number;
  scale: number;
}

const MIN_SCALE = 0.15;
/** Below this, post-its' text is too small to read: the first view does not start below it. */
const READABLE = 0.5;
const MAX_SCALE = 3;
const STEP = 20;
const BIG_STEP = 100;
const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
const clampWall = (value: number) => Math.round(Math.min(WALL_LIMIT, Math.max(-WALL_LIMIT, value)));
const clampSide = (value: number) => Math.round(Math.min(ZONE_MAX, Math.max(ZONE_MIN, value)));

/** The view that shows `rect` whole, centred, in a viewport of `width` × `height`. */
export function viewOf(rect: WallRect, width: number, height: number, margin = 40): WallView {
  const scale = clampScale(
    Math.min(
      (width - margin * 2) / Math.max(rect.width, 1),
      (height - margin * 2) / Math.max(rect.height, 1),
      1.5,
    ),
  );
  return {
    scale,
    x: width / 2 - (rect.x + rect.width / 2) * scale,
    y: height / 2 - (rect.y + rect.height / 2) * scale,
  };
}

/** Keeps a pointer's moves on `element` until it is let go (a pointer already gone cannot be kept). */
function capture(element: HTMLElement | null, pointerId: number) {
  try {
    element?.setPointerCapture(pointerId);
  } catch {
    // The pointer ended before its first event was handled: nothing to follow.
  }
}

/** The viewport's size in pixels (a default before it is laid out). */
function sizeOf(element: HTMLElement | null) {
  return { width: element?.clientWidth ?? 800, height: element?.clientHeight ?? 600 };
}

/** A slight tilt per post-it (from its id), as on a real wall. */
function tiltOf(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return styles[`tilt${Math.abs(hash) % 4}`] ?? '';
}

type Override =
  | { kind: 'note'; id: string; x: number; y: number }
  | { kind: 'zone'; id: string; x: number; y: number; width: number; height: number };

export interface BoardWallProps {
  board: Board;
  onFail: (error: unknown) => void;
  onAnnounce: (text: string) => void;
  /** Where a facilitator's focus asked this view to go (a new object each time). */
  focusRequest: { zoneId: string; by: string; byId: string } | null;
  /** Tells the page the wall's centre, so new post-its land where people look. */
  centreRef: { current: (() => { wallX: number; wallY: number }) | null };
}

export function BoardWall({ board, onFail, onAnnounce, focusRequest, centreRef }: BoardWallProps) {
  const { t } = useTranslation();
  const helpId = useId();
  const viewport = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<WallView>({ x: 0, y: 0, scale: 1 });
  const viewRef = useRef(view);
  viewRef.current = view;
  const [override, setOverride] = useState<Override | null>(null);
  const [selectedNote, setSelectedNote] = useState<string | null>(null);
  const [selectedZone, setSelectedZone] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const me = useMe();
  const patchNote = usePatchNote(board.id);
  const patchZone = usePatchZone(board.id);
  const steer = board.abilities.steer;
  const canMove = board.abilities.takePart;
  // Guests by a code are marked as such on their post-its (decision 051), as in the columns.
  const guests = useSessionGuests(board.sessionId);
  const guestIds = useMemo(() => new Set(guests.data?.items.map((guest) => guest.id)), [guests.data]);

  const places = useMemo(
    () =>
      wallPlaces(
        board.notes,
        board.categories.map((category) => category.id),
      ),
    [board.notes, board.categories],
  );
  const placeOf = (note: BoardNote): WallPlace => {
    const place = places.get(note.id) ?? { x: 0, y: 0, side: 170 };
    return override?.kind === 'note' && override.id === note.id
      ? { ...place, x: override.x, y: override.y }
      : place;
  };
  const rectOf = (zone: BoardZone): BoardZone =>
    override?.kind === 'zone' && override.id === zone.id ? { ...zone, ...override, id: zone.id } : zone;
  const categoryOf = useMemo(() => new Map(board.categories.map((c) => [c.id, c])), [board.categories]);

  const size = () => sizeOf(viewport.current);
  const fitTo = useCallback((rect: WallRect) => {
    const { width, height } = sizeOf(viewport.current);
    setView(viewOf(rect, width, height));
  }, []);

  // First view: everything on the wall, unless that makes post-its unreadable (a wide wall on a
  // phone): then its top left corner at a readable scale.
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current) return;
    fitted.current = true;
    const bounds = wallBounds(places.values(), board.zones);
    const { width, height } = sizeOf(viewport.current);
    const whole = viewOf(bounds, width, height);
    if (whole.scale >= READABLE) setView(whole);
    else setView({ scale: READABLE, x: 16 - bounds.x * READABLE, y: 16 - bounds.y * READABLE });
  });

  centreRef.current = () => {
    const { width, height } = size();
    const v = viewRef.current;
    return {
      wallX: clampWall((width / 2 - v.x) / v.scale - 85 + (Math.random() - 0.5) * 60),
      wallY: clampWall((height / 2 - v.y) / v.scale - 85 + (Math.random() - 0.5) * 60),
    };
  };

  // A facilitator's focus: the view goes to the zone, and says who brought it there.
  const handledFocus = useRef<object | null>(null);
  useEffect(() => {
    if (!focusRequest || handledFocus.current === focusRequest) return;
    const zone = board.zones.find((z) => z.id === focusRequest.zoneId);
    if (!zone) return;
    // Once per request: later changes to the zones never pull the view back.
    handledFocus.current = focusRequest;
    fitTo(zone);
    // The facilitator who sent it moves too, without being told what they just did.
    if (focusRequest.byId !== me.data?.id)
      setNotice(t('boards.wall.focused', { name: focusRequest.by, zone: zone.title }));
  }, [focusRequest, board.zones, fitTo, t, me.data?.id]);

  const zoomBy = useCallback((factor: number, cx?: number, cy?: number) => {
    const { width, height } = sizeOf(viewport.current);
    const px = cx ?? width / 2;
    const py = cy ?? height / 2;
    setView((v) => {
      const scale = clampScale(v.scale * factor);
      const k = scale / v.scale;
      return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
    });
  }, []);

  // Wheel zooms around the pointer (a non-passive listener: the page must not scroll meanwhile).
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      if (event.ctrlKey || Math.abs(event.deltaY) >= Math.abs(event.deltaX)) {
        zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
      } else {
        setView((v) => ({ ...v, x: v.x - event.deltaX }));
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  // Pan with one pointer on the background, pinch with two.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number } | null>(null);
  function onViewportPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 && event.pointerType === 'mouse') return;
    capture(viewport.current, event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      if (a && b) pinch.current = { distance: Math.hypot(a.x - b.x, a.y - b.y) };
    }
  }
  function onViewportPointerMove(event: PointerEvent<HTMLDivElement>) {
    const last = pointers.current.get(event.pointerId);
    if (!last) return;
    const now = { x: event.clientX, y: event.clientY };
    pointers.current.set(event.pointerId, now);
    if (pointers.current.size === 2 && pinch.current) {
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const box = viewport.current?.getBoundingClientRect();
      zoomBy(
        distance / pinch.current.distance,
        (a.x + b.x) / 2 - (box?.left ?? 0),
        (a.y + b.y) / 2 - (box?.top ?? 0),
      );
      pinch.current = { distance };
      return;
    }
    setView((v) => ({ ...v, x: v.x + now.x - last.x, y: v.y + now.y - last.y }));
  }
  function onViewportPointerUp(event: PointerEvent<HTMLDivElement>) {
    pointers.current.delete(event.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  }

  // Dragging a post-it or a zone: wall units follow the pointer; one write when it is let go.
  const drag = useRef<{
    kind: 'note' | 'zone' | 'resize';
    id: string;
    startX: number;
    startY: number;
    origin: WallRect;
    moved: boolean;
  } | null>(null);
  function startDrag(
    event: PointerEvent<HTMLElement>,
    kind: 'note' | 'zone' | 'resize',
    id: string,
    origin: WallRect,
  ) {
    if (event.button !== 0 && event.pointerType === 'mouse') return;
    event.stopPropagation();
    capture(event.currentTarget as HTMLElement, event.pointerId);
    drag.current = { kind, id, startX: event.clientX, startY: event.clientY, origin, moved: false };
  }
  function onDragMove(event: PointerEvent<HTMLElement>) {
    const current = drag.current;
    if (!current) return;
    event.stopPropagation();
    const dx = (event.clientX - current.startX) / viewRef.current.scale;
    const dy = (event.clientY - current.startY) / viewRef.current.scale;
    if (!current.moved && Math.hypot(dx, dy) * viewRef.current.scale < 4) return;
    current.moved = true;
    const o = current.origin;
    if (current.kind === 'note')
      setOverride({ kind: 'note', id: current.id, x: clampWall(o.x + dx), y: clampWall(o.y + dy) });
    else if (current.kind === 'zone')
      setOverride({
        kind: 'zone',
        id: current.id,
        x: clampWall(o.x + dx),
        y: clampWall(o.y + dy),
        width: o.width,
        height: o.height,
      });
    else
      setOverride({
        kind: 'zone',
        id: current.id,
        x: o.x,
        y: o.y,
        width: clampSide(o.width + dx),
        height: clampSide(o.height + dy),
      });
  }
  function onDragEnd(event: PointerEvent<HTMLElement>) {
    const current = drag.current;
    drag.current = null;
    if (!current) return;
    event.stopPropagation();
    if (!current.moved || !override) return;
    commit(override);
  }

  function commit(change: Override) {
    const clear = () => setOverride((now) => (now === change ? null : now));
    if (change.kind === 'note') {
      patchNote.mutate(
        { noteId: change.id, patch: { wallX: change.x, wallY: change.y } },
        { onSettled: clear, onError: onFail },
      );
    } else {
      patchZone.mutate(
        {
          zoneId: change.id,
          patch: { x: change.x, y: change.y, width: change.width, height: change.height },
        },
        { onSettled: clear, onError: onFail },
      );
    }
  }

  // Keyboard moves: each arrow moves the post-it at once on screen; one write once the keys rest.
  const keyTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<Override | null>(null);
  const flush = () => {
    if (keyTimer.current) clearTimeout(keyTimer.current);
    keyTimer.current = null;
    const change = pending.current;
    pending.current = null;
    if (change) commit(change);
  };
  const latestFlush = useRef(flush);
  latestFlush.current = flush;
  useEffect(() => () => latestFlush.current(), []);
  function nudge(change: Override, announce: string) {
    setOverride(change);
    pending.current = change;
    if (keyTimer.current) clearTimeout(keyTimer.current);
    keyTimer.current = setTimeout(() => {
      flush();
      onAnnounce(announce);
    }, 450);
  }
  const arrow = (key: string): [number, number] | null =>
    key === 'ArrowLeft'
      ? [-1, 0]
      : key === 'ArrowRight'
        ? [1, 0]
        : key === 'ArrowUp'
          ? [0, -1]
          : key === 'ArrowDown'
            ? [0, 1]
            : null;

  function onNoteKeyDown(event: KeyboardEvent<HTMLElement>, note: BoardNote) {
    if (event.target !== event.currentTarget) return;
    const direction = arrow(event.key);
    if (!direction || !canMove) return;
    event.preventDefault();
    event.stopPropagation();
    const step = event.shiftKey ? BIG_STEP : STEP;
    const place = placeOf(note);
    const x = clampWall(place.x + direction[0] * step);
    const y = clampWall(place.y + direction[1] * step);
    nudge({ kind: 'note', id: note.id, x, y }, t('boards.wall.moved', { x, y }));
    keepInView({ x, y, width: place.side, height: place.side });
  }
  function onZoneKeyDown(event: KeyboardEvent<HTMLElement>, zone: BoardZone) {
    if (event.target !== event.currentTarget) return;
    const direction = arrow(event.key);
    if (!direction || !steer) return;
    event.preventDefault();
    event.stopPropagation();
    const step = event.shiftKey ? BIG_STEP : STEP;
    const r = rectOf(zone);
    const change: Override = event.altKey
      ? {
          kind: 'zone',
          id: zone.id,
          x: r.x,
          y: r.y,
          width: clampSide(r.width + direction[0] * step),
          height: clampSide(r.height + direction[1] * step),
        }
      : {
          kind: 'zone',
          id: zone.id,
          x: clampWall(r.x + direction[0] * step),
          y: clampWall(r.y + direction[1] * step),
          width: r.width,
          height: r.height,
        };
    nudge(
      change,
      t('boards.wall.zoneChanged', { title: zone.title, width: change.width, height: change.height }),
    );
  }
  function onViewportKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      zoomBy(1.25);
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault();
      zoomBy(0.8);
    } else if (event.key === '0') {
      event.preventDefault();
      fitTo(wallBounds(places.values(), board.zones));
    } else if (event.target === event.currentTarget) {
      const direction = arrow(event.key);
      if (!direction) return;
      event.preventDefault();
      setView((v) => ({ ...v, x: v.x - direction[0] * 60, y: v.y - direction[1] * 60 }));
    }
  }

  /** Pans so that a rect (in wall units) is inside the viewport: keyboard focus never goes off screen. */
  function keepInView(rect: WallRect) {
    const { width, height } = size();
    setView((v) => {
      const left = rect.x * v.scale + v.x;
      const top = rect.y * v.scale + v.y;
      const right = left + rect.width * v.scale;
      const bottom = top + rect.height * v.scale;
      let x = v.x;
      let y = v.y;
      if (left < 16) x += 16 - left;
      else if (right > width - 16) x -= right - (width - 16);
      if (top < 16) y += 16 - top;
      else if (bottom > height - 16) y -= bottom - (height - 16);
      return x === v.x && y === v.y ? v : { ...v, x, y };
    });
  }

  const note = board.notes.find((n) => n.id === selectedNote);
  const zone = board.zones.find((z) => z.id === selectedZone);
  const sizeWord = (size: NoteSize) => t(`boards.wall.size.${size}`);

  return (
    <div className={styles.wall}>
      <WallToolbar
        board={board}
        view={view}
        onZoom={zoomBy}
        onFit={() => fitTo(wallBounds(places.values(), board.zones))}
        selectedNote={note}
        selectedZone={zone}
        places={places}
        viewCentre={() => {
          const { width, height } = size();
          return { x: (width / 2 - view.x) / view.scale, y: (height / 2 - view.y) / view.scale };
        }}
        onFail={onFail}
        onAnnounce={onAnnounce}
      />
      {notice ? (
        <div className={styles.notice} role="status">
          <span>{notice}</span>
          <Button variant="ghost" size="sm" onClick={() => setNotice(null)}>
            {t('boards.wall.noticeClose')}
          </Button>
        </div>
      ) : null}
      <p id={helpId} className={styles.help}>
        {steer ? t('boards.wall.helpSteer') : t('boards.wall.help')}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a region that pans and zooms, and takes keys for it. */}
      <div
        ref={viewport}
        className={styles.viewport}
        role="region"
        aria-label={t('boards.wall.label', { title: board.title })}
        aria-describedby={helpId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the wall takes +/-/0 and arrows to zoom and pan.
        tabIndex={0}
        data-wall-scale={view.scale.toFixed(3)}
        data-wall-x={Math.round(view.x)}
        data-wall-y={Math.round(view.y)}
        style={{
          backgroundPosition: `${view.x}px ${view.y}px`,
          backgroundSize: `${32 * view.scale}px ${32 * view.scale}px`,
        }}
        onKeyDown={onViewportKeyDown}
        onPointerDown={onViewportPointerDown}
        onPointerMove={onViewportPointerMove}
        onPointerUp={onViewportPointerUp}
        onPointerCancel={onViewportPointerUp}
      >
        <div
          className={styles.world}
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        >
          <ul className={styles.layer} aria-label={t('boards.wall.zones')}>
            {board.zones.map((z) => {
              const r = rectOf(z);
              return (
                <li
                  key={z.id}
                  className={`${styles.zone} ${colorClass(z.color)} ${selectedZone === z.id ? styles.selected : ''}`}
                  data-zone-id={z.id}
                  style={{ left: r.x, top: r.y, width: r.width, height: r.height }}
                >
                  {/* biome-ignore lint/a11y/useSemanticElements: a zone's title bar is its handle (drag, arrows). */}
                  <div
                    className={styles.zoneTitle}
                    role="group"
                    aria-roledescription={t('boards.wall.zoneRole')}
                    aria-label={t('boards.wall.zoneLabel', { title: z.title })}
                    // biome-ignore lint/a11y/noNoninteractiveTabindex: zones are selected and moved by keyboard.
                    tabIndex={0}
                    onFocus={() => {
                      setSelectedZone(z.id);
                      setSelectedNote(null);
                    }}
                    onBlur={flush}
                    onKeyDown={(event) => onZoneKeyDown(event, z)}
                    onPointerDown={steer ? (event) => startDrag(event, 'zone', z.id, r) : undefined}
                    onPointerMove={onDragMove}
                    onPointerUp={onDragEnd}
                  >
                    {z.title}
                  </div>
                  {steer ? (
                    <div
                      className={styles.resize}
                      aria-hidden="true"
                      onPointerDown={(event) => startDrag(event, 'resize', z.id, r)}
                      onPointerMove={onDragMove}
                      onPointerUp={onDragEnd}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
          <ul className={styles.layer} aria-label={t('boards.wall.notes', { count: board.notes.length })}>
            {board.notes.map((n) => {
              const place = placeOf(n);
              const category = n.categoryId ? categoryOf.get(n.categoryId) : undefined;
              const inZone = zoneOf(place, board.zones);
              const author = n.author ? (n.isMine ? t('boards.note.byMe') : n.author.name) : null;
              const byGuest = n.author ? guestIds.has(n.author.id) : false;
              const label = [
                t('boards.wall.noteLabel', {
                  category: category?.name ?? t('boards.wall.uncategorised'),
                  text: n.text,
                }),
                author ? t('boards.wall.by', { name: author }) : null,
                byGuest ? t('guests.badge') : null,
                t('boards.wall.sizeLabel', { size: sizeWord(n.size) }),
                inZone ? t('boards.wall.inZone', { zone: inZone.title }) : null,
                n.private ? t('boards.note.private') : null,
                n.hidden ? t('boards.note.hidden') : null,
                n.dots ? t('boards.dots.total', { count: n.dots }) : null,
              ]
                .filter(Boolean)
                .join(', ');
              return (
                <li
                  key={n.id}
                  className={`${styles.note} ${styles[`size${n.size}`]} ${category ? colorClass(category.color) : styles.plain} ${tiltOf(n.id)} ${
                    override?.id === n.id ? styles.dragging : ''
                  }`}
                  style={{ left: place.x, top: place.y }}
                  data-wall-note-id={n.id}
                >
                  {/* biome-ignore lint/a11y/useSemanticElements: a post-it on the wall is moved by keyboard and pointer. */}
                  <div
                    className={styles.noteBody}
                    role="group"
                    aria-roledescription={t('boards.wall.noteRole')}
                    aria-label={label}
                    // biome-ignore lint/a11y/noNoninteractiveTabindex: post-its are selected and moved by keyboard.
                    tabIndex={0}
                    onFocus={() => {
                      setSelectedNote(n.id);
                      setSelectedZone(null);
                      keepInView({ x: place.x, y: place.y, width: place.side, height: place.side });
                    }}
                    onBlur={flush}
                    onKeyDown={(event) => onNoteKeyDown(event, n)}
                    onPointerDown={
                      canMove
                        ? (event) =>
                            startDrag(event, 'note', n.id, { x: place.x, y: place.y, width: 0, height: 0 })
                        : undefined
                    }
                    onPointerMove={onDragMove}
                    onPointerUp={onDragEnd}
                  >
                    <p className={styles.noteText}>{n.text}</p>
                    <p className={styles.noteMeta} aria-hidden="true">
                      <span>
                        {[
                          author,
                          n.private ? t('boards.note.private') : null,
                          n.hidden ? t('boards.note.hidden') : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                      {byGuest ? <Badge tone="accent">{t('guests.badge')}</Badge> : null}
                      {n.dots ? <span className={styles.dotBadge}>● {n.dots}</span> : null}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}
