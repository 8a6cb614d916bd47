/**
 * Moving the focus to the "cancelled" notice once the person who cancelled is back on the page. The
 * notice may appear before or after the dialog has closed (the session is read again meanwhile), so
 * the request waits for whichever comes last.
 */
let wanted = false;

/** Asks for the focus on the notice: now if it is shown, else as soon as it is. */
export function focusNoticeWhenShown(id: string): void {
  const notice = document.getElementById(id);
  if (notice) {
    notice.focus();
    wanted = false;
  } else {
    wanted = true;
  }
}

/** The notice's ref: takes the focus if it was asked for before the notice was shown. */
export function noticeRef(notice: HTMLElement | null): void {
  if (notice && wanted) {
    wanted = false;
    notice.focus();
  }
}
