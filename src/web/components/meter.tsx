import { useId } from 'react';
import styles from './meter.module.css';

export interface MeterProps {
  label: string;
  value: number;
  maxValue: number;
  /** The human reading, e.g. "7 places libres sur 12"; also what screen readers announce. */
  valueLabel: string;
}

/** A filled bar for a bounded quantity (places taken in a circle), exposed as an ARIA meter. */
export function Meter({ label, value, maxValue, valueLabel }: MeterProps) {
  const labelId = useId();
  const clamped = Math.max(0, Math.min(value, maxValue));
  const percentage = maxValue > 0 ? (clamped / maxValue) * 100 : 0;
  return (
    <div className={`${styles.meter} ${value >= maxValue ? styles.full : ''}`}>
      <div className={styles.labels}>
        <span className={styles.label} id={labelId}>
          {label}
        </span>
        <span className={styles.value} aria-hidden="true">
          {valueLabel}
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <meter> cannot be styled alike across browsers. */}
      <div
        className={styles.track}
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={maxValue}
        aria-valuenow={clamped}
        aria-valuetext={valueLabel}
      >
        <div className={styles.fill} style={{ width: `${percentage}%` }} />
      </div>
    </div>
  );
}
