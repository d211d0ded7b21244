// Penomoran: formats of agenda and outgoing letter numbers, with a live example.
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';

export async function render(panel) {
  const box = h('section', { class: 'card narrow' });
  panel.append(box);
  const formats = await api.numbering();
  const examples = h('p', { class: 'result', id: 'numbering-examples' });
  const showExamples = (f) => {
    examples.replaceChildren(
      h('div', {}, 'Contoh nomor agenda: ', h('strong', {}, f.agenda_example)),
      h('div', {}, 'Contoh nomor surat keluar: ', h('strong', {}, f.outgoing_example)));
  };
  showExamples(formats);
  const formEl = form({
    submitLabel: 'Simpan format',
    fields: [
      field({ name: 'agenda', label: 'Format nomor agenda surat masuk', required: true, value: formats.agenda, maxlength: 80 }),
      field({ name: 'outgoing', label: 'Format nomor surat keluar', required: true, value: formats.outgoing, maxlength: 80 }),
      h('p', { class: 'muted small' }, 'Isian yang tersedia: {nomor} (wajib; urut per tahun), {kode} (kode klasifikasi), ' +
        '{unit} (kode unit), {tahun}, {bulan} (01–12), {bulan_romawi} (I–XII). Contoh: {kode}/{nomor}/Dinsos/{tahun}.'),
    ],
    // Esc (after asking, if anything was typed) returns to what is saved.
    onCancel: () => { clear(panel); render(panel); },
    cancelLabel: 'Kembalikan',
    onSubmit: async (values) => {
      const saved = await api.numberingSave(values);
      showExamples(saved);
      toast('Format penomoran tersimpan.');
    },
  });
  clear(box).append(h('h2', {}, 'Format penomoran surat'), formEl, examples);
  focusFirst(formEl);
}
