// Closing the counter's day, or the app, while ID cards are still held needs a reason that
// is recorded. The shell asks the window before it closes (event loket://close-requested).
import * as api from '../../api.js';
import { h, toast, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';

function reasonDialog({ id, title, text, submitLabel, onReason }) {
  const dialog = h('dialog', { class: 'visit-dialog', id });
  const formEl = form({
    submitLabel,
    fields: [field({ name: 'reason', label: 'Alasan kartu masih disimpan', required: true, maxlength: 500,
      placeholder: 'mis. pemilik akan mengambil besok pagi; kartu di laci terkunci' })],
    onCancel: () => dialog.close(),
    cancelLabel: 'Kembali',
    onSubmit: async (v) => {
      await onReason(v.reason);
      dialog.close();
    },
  });
  dialog.append(h('h2', {}, title), h('p', {}, text), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

let closingDay = false;

/** "Tutup hari": with no card held it is recorded at once; otherwise a reason is asked. */
export async function closeDayDialog(heldCount, onDone) {
  if (closingDay || document.getElementById('close-day-dialog')) return;
  if (heldCount === 0) {
    closingDay = true; // a second click while the first is saving records nothing twice
    try {
      await api.closeDay('day', '');
      toast('Hari ini ditutup. Tidak ada kartu identitas yang tersimpan.');
      onDone?.();
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      closingDay = false;
    }
    return;
  }
  reasonDialog({
    id: 'close-day-dialog',
    title: 'Tutup hari',
    text: `Masih ada ${heldCount} kartu identitas yang disimpan. Tulis alasannya; alasan ini dicatat.`,
    submitLabel: 'Tutup hari',
    onReason: async (reason) => {
      await api.closeDay('day', reason);
      toast('Hari ini ditutup; alasannya dicatat.');
      onDone?.();
    },
  });
}

/** Nobody who may record the reason is signed in: ask for that first. */
function signInFirstDialog(held) {
  const dialog = h('dialog', { class: 'visit-dialog', id: 'close-app-dialog', role: 'alertdialog' });
  const ok = h('button', { type: 'button', class: 'primary', onclick: () => dialog.close() }, 'Mengerti');
  dialog.append(h('h2', {}, 'Tutup Loket'),
    h('p', {}, `Masih ada ${held} kartu identitas yang disimpan di resepsionis. `,
      'Alasannya harus dicatat oleh resepsionis atau admin: masuk dulu, lalu tutup Loket lagi.'),
    h('div', { class: 'actions' }, ok));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  ok.focus();
}

/** Installed once: the window asks before closing with cards still held. */
export function listenForAppClose() {
  window.__TAURI__.event.listen('loket://close-requested', (event) => {
    if (document.getElementById('close-app-dialog')) return;
    // An open "Tutup hari" dialog gives way: closing the app asks the same question.
    document.getElementById('close-day-dialog')?.close();
    const { held, may_record: mayRecord } = event.payload;
    if (!mayRecord) {
      signInFirstDialog(held);
      return;
    }
    reasonDialog({
      id: 'close-app-dialog',
      title: 'Tutup Loket',
      text: `Masih ada ${held} kartu identitas yang disimpan. Tulis alasannya sebelum Loket ditutup; alasan ini dicatat.`,
      submitLabel: 'Catat alasan dan tutup Loket',
      onReason: (reason) => api.appCloseWithReason(reason),
    });
  });
}
