import { createContext, type ReactNode, useContext, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from './button.tsx';
import styles from './dialog.module.css';
import { ModalDialog } from './modal-dialog.tsx';

type Register = (formId: string, isDirty: boolean) => void;

const UnsavedChangesContext = createContext<Register>(() => {});

/** A click on a link to another page of this site, which the app would follow itself. */
function internalTarget(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download')) return null;
  if (link.target && link.target !== '_self') return null;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  // A jump inside the page (a fragment) loses nothing.
  if (url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * One guard for the whole app, fed by every form on screen (a session page holds several:
 * agenda, synthesis, notes, next steps). Following a link to another page while one of them
 * holds unsaved text asks first, in our dialog; closing or reloading the tab gets the browser's
 * own question (the only one it allows).
 *
 * Not React Router's useBlocker: it needs the data router, whose code adds 16.4 KB gzip to the
 * first load and takes it past the 150 KB budget (decision 020). Links are caught instead, in the
 * capture phase on the document, before React Router's own handler sees the click; the browser's
 * Back button is not caught.
 */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [dirtyForms, setDirtyForms] = useState<ReadonlySet<string>>(() => new Set());
  const [pending, setPending] = useState<string | null>(null);
  const register: Register = useState(
    () => (formId: string, isDirty: boolean) =>
      setDirtyForms((current) => {
        if (current.has(formId) === isDirty) return current;
        const next = new Set(current);
        if (isDirty) next.add(formId);
        else next.delete(formId);
        return next;
      }),
  )[0];
  const hasUnsaved = dirtyForms.size > 0;

  useEffect(() => {
    if (!hasUnsaved) return;
    const onClick = (event: MouseEvent) => {
      const target = internalTarget(event);
      if (target === null) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(target);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [hasUnsaved]);

  return (
    <UnsavedChangesContext.Provider value={register}>
      {children}
      {pending !== null ? (
        <LeavePrompt
          onStay={() => setPending(null)}
          onLeave={() => {
            setPending(null);
            void navigate(pending);
          }}
        />
      ) : null}
    </UnsavedChangesContext.Provider>
  );
}

function LeavePrompt({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      role="alertdialog"
      size="sm"
      onClose={onStay}
      heading={(headingId) => (
        <h2 id={headingId} className={styles.title}>
          {t('unsaved.title')}
        </h2>
      )}
    >
      <p>{t('unsaved.message')}</p>
      <div className={styles.actions}>
        {/* First, so the dialog opens on the safe choice. */}
        <Button variant="secondary" onClick={onStay}>
          {t('unsaved.stay')}
        </Button>
        <Button variant="danger" onClick={onLeave}>
          {t('unsaved.leave')}
        </Button>
      </div>
    </ModalDialog>
  );
}

/**
 * Declares whether a form holds changes not yet saved. Set it back to false before navigating
 * away on purpose (after a save), or the guard will ask.
 */
export function useUnsavedChanges(isDirty: boolean): void {
  const register = useContext(UnsavedChangesContext);
  const formId = useId();
  useEffect(() => {
    register(formId, isDirty);
  }, [register, formId, isDirty]);
  useEffect(() => () => register(formId, false), [register, formId]);
}
