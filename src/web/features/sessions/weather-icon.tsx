import type { ReactNode } from 'react';
import type { Weather } from '../../../domain/session.ts';
import styles from './weather-icon.module.css';

// Drawn in SVG rather than emoji: locked-down workstations often lack a colour emoji font.
const sun = (cx: number, cy: number, r: number) => (
  <g className={styles.sun}>
    <circle cx={cx} cy={cy} r={r} />
    {[0, 45, 90, 135, 180, 225, 270, 315].map((angle) => {
      const rad = (angle * Math.PI) / 180;
      return (
        <line
          key={angle}
          x1={cx + Math.cos(rad) * (r + 2.5)}
          y1={cy + Math.sin(rad) * (r + 2.5)}
          x2={cx + Math.cos(rad) * (r + 5.5)}
          y2={cy + Math.sin(rad) * (r + 5.5)}
        />
      );
    })}
  </g>
);
const cloud = (dx = 0, dy = 0) => (
  <path
    className={styles.cloud}
    transform={`translate(${dx} ${dy})`}
    d="M10 27h17a6 6 0 0 0 0-12 8 8 0 0 0-15.3-2.2A6.5 6.5 0 0 0 10 27z"
  />
);

const drawings: Record<Weather, ReactNode> = {
  sunny: sun(20, 20, 8),
  'partly-sunny': (
    <>
      {sun(14, 14, 6)}
      {cloud(4, 6)}
    </>
  ),
  cloudy: cloud(1, 2),
  rainy: (
    <>
      {cloud(1, -3)}
      <g className={styles.rain}>
        <line x1="13" y1="28" x2="11" y2="34" />
        <line x1="20" y1="28" x2="18" y2="34" />
        <line x1="27" y1="28" x2="25" y2="34" />
      </g>
    </>
  ),
  stormy: (
    <>
      {cloud(1, -3)}
      <path className={styles.bolt} d="M21 25l-5 8h4l-2 6 7-9h-4l2-5z" />
    </>
  ),
  foggy: (
    <g className={styles.fog}>
      <line x1="7" y1="14" x2="33" y2="14" />
      <line x1="4" y1="20" x2="30" y2="20" />
      <line x1="9" y1="26" x2="35" y2="26" />
      <line x1="6" y1="32" x2="28" y2="32" />
    </g>
  ),
  rainbow: (
    <g className={styles.rainbow}>
      <path className={styles.band1} d="M5 31a15 15 0 0 1 30 0" />
      <path className={styles.band2} d="M9 31a11 11 0 0 1 22 0" />
      <path className={styles.band3} d="M13 31a7 7 0 0 1 14 0" />
    </g>
  ),
};

/** The picture of a weather; decorative, the word always goes with it. */
export function WeatherIcon({ weather, size = 'md' }: { weather: Weather; size?: 'md' | 'lg' }) {
  return (
    <svg
      className={`${styles.icon} ${size === 'lg' ? styles.lg : ''}`}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
    >
      {drawings[weather]}
    </svg>
  );
}
