// Unit Organisasi: the organisation tree, and a form to add or change a unit.
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { openFresh } from '../../revision.js';
import { field, form, focusFirst } from '../../forms.js';
import { listOf } from '../../choices.js';


export async function render(panel) {
  const listBox = h('section', { class: 'card' });
  const editor = h('section', { class: 'card' });
  panel.append(h('div', { class: 'grid-2' }, listBox, editor));
  let units = [];

  async function reload(selectId) {
    units = await api.units();
    clear(listBox).append(
      h('div', { class: 'card-head' }, h('h2', {}, 'Struktur organisasi'),
        h('button', { type: 'button', id: 'unit-add', onclick: () => edit(null) }, 'Tambah unit')),
      h('table', { class: 'list clickable', id: 'unit-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Unit'), h('th', {}, 'Jenis'), h('th', {}, 'Kode'), h('th', {}, 'Status'))),
        h('tbody', {}, units.map((u) => h('tr', {
          tabindex: 0, class: u.id === selectId ? 'selected' : '',
          onclick: () => edit(u), onkeydown: (e) => { if (e.key === 'Enter') edit(u); },
        },
        h('td', { class: `depth-${Math.min(u.depth, 3)}` }, u.name),
        h('td', {}, u.kind_label), h('td', {}, u.code),
        h('td', {}, u.active ? 'Aktif' : 'Nonaktif'))))));
  }

  async function edit(chosen) {
    const fresh = await openFresh('unit', chosen, reload);
    if (!fresh) return;
    const { seen } = fresh;
    const unit = chosen && (units.find((u) => u.id === chosen.id) || chosen);
    const parents = units.filter((u) => u.active && (!unit || u.id !== unit.id));
    const formEl = form({
      submitLabel: unit ? 'Simpan perubahan' : 'Tambah unit',
      fields: [
        field({ name: 'name', label: 'Nama unit', required: true, value: unit?.name || '', maxlength: 120 }),
        field({ name: 'kind', label: 'Jenis', kind: 'select', value: unit?.kind || 'seksi', options: listOf('unit_kinds') }),
        field({ name: 'parent_id', label: 'Di bawah', kind: 'select', value: String(unit?.parent_id ?? parents[0]?.id ?? ''),
          options: [{ value: '', label: '— (puncak struktur)' }, ...parents.map((p) => ({ value: String(p.id), label: `${'— '.repeat(p.depth)}${p.name}` }))] }),
        field({ name: 'code', label: 'Kode singkat (dipakai dalam nomor surat)', value: unit?.code || '', maxlength: 20, width: 's' }),
        field({ name: 'active', label: 'Aktif', kind: 'checkbox', value: unit ? unit.active : true }),
      ],
      onCancel: () => showHint(),
      onSubmit: async (v) => {
        const saved = await api.unitSave(unit?.id ?? null, {
          seen,
          name: v.name, kind: v.kind, code: v.code, active: v.active,
          parent_id: v.parent_id === '' ? null : Number(v.parent_id),
        });
        toast(`Unit "${saved.name}" tersimpan.`);
        await reload(saved.id);
        edit(units.find((u) => u.id === saved.id));
      },
    });
    clear(editor).append(h('h2', {}, unit ? `Ubah unit: ${unit.name}` : 'Unit baru'), formEl);
    focusFirst(formEl);
  }

  function showHint() {
    clear(editor).append(h('h2', {}, 'Unit'),
      h('p', { class: 'muted' }, 'Pilih unit di daftar untuk mengubahnya, atau tekan "Tambah unit". ' +
        'Sub Bagian berada di bawah Sekretariat; Seksi di bawah Bidang atau UPT Daerah. ' +
        'Unit yang masih punya pejabat aktif tidak dapat dinonaktifkan.'));
  }

  await reload();
  showHint();
}
