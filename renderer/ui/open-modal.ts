/**
 * Opens `dialog` as a modal and gives the focus to its element marked `data-autofocus`. React's
 * `autoFocus` focuses an element as it is put on the page, which for a dialog opened by an effect is
 * before it is open, when nothing in it can take the focus; and React writes no `autofocus` attribute
 * for showModal to find, so showModal focuses the dialog's first focusable element instead (the welcome's
 * first step, not its "Start working"). An element put on the page while the dialog is open is focused
 * by `autoFocus` as usual.
 */
export function openModal(dialog: HTMLDialogElement): void {
  dialog.showModal();
  dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
}
