// Closing the counter's day, or the app, while ID cards are still held needs a reason that
// is recorded. The shell asks the window before it closes (event loket://close-requested).
import * as api from '../../api.js';
import { h, toast } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';

function reasonDialog({ title, text, submitLabel, onReason }) {
  const dialog = h('dialog', { class: 'visit-dialog', id: 'closing-dialog' });
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

/** "Tutup hari": with no card held it is recorded at once; otherwise a reason is asked. */
export async function closeDayDialog(heldCount, onDone) {
  if (heldCount === 0) {
    try {
      await api.closeDay('day', '');
      toast('Hari ini ditutup. Tidak ada kartu identitas yang tersimpan.');
      onDone?.();
    } catch (error) { toast(error.message || String(error), 'error'); }
    return;
  }
  reasonDialog({
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

/** Installed once: the window asks before closing with cards still held. */
export function listenForAppClose() {
  window.__TAURI__.event.listen('loket://close-requested', (event) => {
    if (document.getElementById('closing-dialog')) return;
    reasonDialog({
      title: 'Tutup Loket',
      text: `Masih ada ${event.payload} kartu identitas yang disimpan. Tulis alasannya sebelum Loket ditutup; alasan ini dicatat.`,
      submitLabel: 'Catat alasan dan tutup Loket',
      onReason: (reason) => api.appCloseWithReason(reason),
    });
  });
}
