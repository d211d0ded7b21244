// Every document has "Lihat" (the system's PDF viewer) and "Simpan sebagai…" (the save dialog).
import * as api from './api.js';
import { h, toast, messageOf } from './dom.js';

/**
 * Two buttons for one document. make(path) asks the core for the PDF: with a path it is
 * saved there, with null it opens in the viewer. defaultName is offered in the dialog.
 */
export function documentButtons({ idPrefix, make, defaultName, viewLabel = 'Lihat', saveLabel = 'Simpan sebagai…' }) {
  const run = async (button, path) => {
    if (button.disabled) return;
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Menyiapkan…';
    try {
      const where = await make(path);
      toast(path ? `Tersimpan: ${where}` : 'Dokumen dibuka di penampil PDF.');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  };
  const view = h('button', { type: 'button', id: `${idPrefix}-view`, onclick: () => run(view, null) }, viewLabel);
  if (saveLabel === null) return h('span', { class: 'doc-buttons' }, view);
  const save = h('button', {
    type: 'button', id: `${idPrefix}-save`,
    onclick: async () => {
      const path = await api.pickSavePath('Simpan dokumen', defaultName(), ['pdf']);
      if (path) await run(save, path);
    },
  }, saveLabel);
  return h('span', { class: 'doc-buttons' }, view, save);
}
