import { useId } from 'react';
import fieldStyles from './field.module.css';
import styles from './radio-group-field.module.css';

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  description?: string;
}

export interface RadioGroupFieldProps<V extends string> {
  label: string;
  options: readonly RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
  description?: string;
  errorMessage?: string;
  /** Side by side when the labels are short (FR / EN). */
  isHorizontal?: boolean;
}

/**
 * Native radios in a fieldset: arrow keys, grouping and the legend come from the browser, which
 * weighs nothing, where react-aria's RadioGroup would add ~10 KB gzip to form screens.
 */
export function RadioGroupField<V extends string>({
  label,
  options,
  value,
  onChange,
  description,
  errorMessage,
  isHorizontal = false,
}: RadioGroupFieldProps<V>) {
  const id = useId();
  const describedBy = [description ? `${id}-description` : '', errorMessage ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className={styles.group} aria-describedby={describedBy || undefined}>
      <legend className={`${fieldStyles.label} ${styles.legend}`}>{label}</legend>
      {description ? (
        <p id={`${id}-description`} className={fieldStyles.description}>
          {description}
        </p>
      ) : null}
      <div
        className={[styles.options, isHorizontal ? styles.horizontal : undefined].filter(Boolean).join(' ')}
      >
        {options.map((option) => (
          <label key={option.value} className={styles.radio}>
            <input
              type="radio"
              className={styles.input}
              name={id}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.description ? `${id}-${option.value}` : undefined}
            />
            <span className={styles.text}>
              <span className={styles.optionLabel}>{option.label}</span>
              {option.description ? (
                <span id={`${id}-${option.value}`} className={styles.optionDescription}>
                  {option.description}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      {errorMessage ? (
        <p id={`${id}-error`} className={fieldStyles.error}>
          {errorMessage}
        </p>
      ) : null}
    </fieldset>
  );
}
