import { FieldError } from 'react-aria-components/FieldError';
import { Input } from 'react-aria-components/Input';
import { Label } from 'react-aria-components/Label';
import { Text } from 'react-aria-components/Text';
import { TextArea } from 'react-aria-components/TextArea';
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components/TextField';
import { useTranslation } from 'react-i18next';
import styles from './field.module.css';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'isInvalid'> {
  label: string;
  description?: string;
  /** Shown under the field and tied to it with aria-describedby; its presence marks the field invalid. */
  errorMessage?: string;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  /** Adds "(optional)" to the label, so required fields need no asterisk. */
  isOptional?: boolean;
  /** Bounds of a `type="number"` field (the contract's, through useContractForm). */
  min?: number;
  max?: number;
}

export function TextField({
  label,
  description,
  errorMessage,
  placeholder,
  multiline = false,
  rows = 4,
  isOptional = false,
  min,
  max,
  ...props
}: TextFieldProps) {
  const { t } = useTranslation();
  return (
    // validationBehavior "aria": our own messages, in the reader's language, instead of the browser's.
    <AriaTextField
      {...props}
      className={styles.field}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label className={styles.label}>
        {label}
        {isOptional ? <span className={styles.optional}> {t('form.optional')}</span> : null}
      </Label>
      {description ? (
        <Text slot="description" className={styles.description}>
          {description}
        </Text>
      ) : null}
      {multiline ? (
        <TextArea className={styles.input} placeholder={placeholder} rows={rows} />
      ) : (
        <Input className={styles.input} placeholder={placeholder} min={min} max={max} />
      )}
      <FieldError className={styles.error}>{errorMessage}</FieldError>
    </AriaTextField>
  );
}
