// Kode Klasifikasi: the archive classification table, editable and importable from CSV.
import * as api from '../../api.js';
import { h, clear, toast, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';

export async function render(panel) {
  const listBox = h('section', { class: 'card' });
  const editor = h('section', { class: 'card' });
  panel.append(h('div', { class: 'grid-2' }, listBox, editor));
  const importResult = h('div', { 'aria-live': 'polite' });

  async function reload() {
    const codes = await api.classificationCodes();
    clear(listBox).append(
      h('div', { class: 'card-head' }, h('h2', {}, `Kode klasifikasi (${codes.length})`),
        h('button', { type: 'button', id: 'classification-import', onclick: importCsv }, 'Impor CSV…')),
      importResult,
      h('table', { class: 'list clickable', id: 'classification-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Kode'), h('th', {}, 'Uraian'), h('th', {}, 'Status'))),
        h('tbody', {}, codes.map((c) => h('tr', { tabindex: 0, onclick: () => edit(c), onkeydown: (e) => { if (e.key === 'Enter') edit(c); } },
          h('td', { class: 'mono' }, c.code), h('td', {}, c.title), h('td', {}, c.active ? 'Aktif' : 'Nonaktif'))))));
  }

  async function importCsv() {
    const path = await api.pickFile('Impor kode klasifikasi (CSV: kode;uraian)', ['csv', 'txt']);
    if (!path) return;
    try {
      const result = await api.classificationImport(path);
      toast(`Impor selesai: ${result.added} kode baru, ${result.updated} diperbarui.`);
      importResult.replaceChildren();
      await reload();
    } catch (error) {
      importResult.replaceChildren(h('div', { class: 'banner error', role: 'alert' }, `Tidak ada yang diimpor. ${messageOf(error)}`));
    }
  }

  function edit(code) {
    const formEl = form({
      submitLabel: code ? 'Simpan perubahan' : 'Tambah kode',
      fields: [
        field({ name: 'code', label: 'Kode', required: true, value: code?.code || '', maxlength: 20, width: 's',
          hint: code ? 'Kode yang sudah ada tidak diubah; nonaktifkan bila tidak dipakai lagi.' : 'Contoh: 400.9' }),
        field({ name: 'title', label: 'Uraian', required: true, value: code?.title || '', maxlength: 200 }),
        field({ name: 'active', label: 'Aktif', kind: 'checkbox', value: code ? code.active : true }),
      ],
      onCancel: () => edit(null),
      onSubmit: async (v) => {
        const saved = await api.classificationSave({ ...v, existing: Boolean(code) });
        toast(`Kode ${saved.code} tersimpan.`);
        await reload();
        edit(null);
      },
    });
    if (code) formEl.querySelector('[name=code]').readOnly = true;
    clear(editor).append(h('h2', {}, code ? `Ubah kode ${code.code}` : 'Kode baru'), formEl,
      h('p', { class: 'muted small' }, 'Format CSV untuk impor: kolom kode dan uraian, dipisah koma atau titik koma; baris judul boleh ada.'));
    focusFirst(formEl);
  }

  await reload();
  edit(null);
}
