import { type Ref, useId } from 'react';
import fieldStyles from './field.module.css';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> {
  label: string;
  options: readonly SelectOption<V>[];
  value: V;
  onChange: (value: V) => void;
  description?: string;
  errorMessage?: string;
  /** The <select> itself, e.g. to move focus to it when a form is revealed. */
  selectRef?: Ref<HTMLSelectElement>;
}

/**
 * A native <select>: the platform's own picker (a wheel on phones), nothing to download, and
 * no <style> injection for the CSP to refuse, unlike react-aria's Select.
 */
export function SelectField<V extends string>({
  label,
  options,
  value,
  onChange,
  description,
  errorMessage,
  selectRef,
}: SelectFieldProps<V>) {
  const id = useId();
  const describedBy = [description ? `${id}-description` : '', errorMessage ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={fieldStyles.field}>
      <label className={fieldStyles.label} htmlFor={id}>
        {label}
      </label>
      {description ? (
        <p id={`${id}-description`} className={fieldStyles.description}>
          {description}
        </p>
      ) : null}
      <select
        ref={selectRef}
        id={id}
        className={`${fieldStyles.input} ${fieldStyles.select}`}
        value={value}
        aria-invalid={errorMessage ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => {
          const option = options.find((o) => o.value === event.target.value);
          if (option) onChange(option.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {errorMessage ? (
        <p id={`${id}-error`} className={fieldStyles.error}>
          {errorMessage}
        </p>
      ) : null}
    </div>
  );
}
