// Pejabat: officials with NIP, rank, position and unit, and their acting appointments.
import * as api from '../../api.js';
import { h, clear, toast, confirmDialog, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import { isoToTyped, todayTyped } from '../../format.js';
import { openFresh } from '../../revision.js';

export async function render(panel) {
  const [ranks, units] = await Promise.all([api.ranks(), api.units()]);
  const unitOptions = units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: `${'— '.repeat(u.depth)}${u.name}` }));
  const rankOptions = [{ value: '', label: '— pilih —' }, ...ranks.map((r) => ({ value: r.code, label: r.label }))];
  const listBox = h('section', { class: 'card' });
  const editor = h('section', { class: 'card' });
  panel.append(h('div', { class: 'grid-2' }, listBox, editor));
  let officials = [];

  async function reload(selectId) {
    officials = await api.officials();
    clear(listBox).append(
      h('div', { class: 'card-head' }, h('h2', {}, `Pejabat (${officials.length})`),
        h('button', { type: 'button', id: 'official-add', onclick: () => edit(null) }, 'Tambah pejabat')),
      officials.length === 0
        ? h('p', { class: 'muted' }, 'Belum ada pejabat. Tambahkan Kepala Dinas, Sekretaris, para Kepala Bidang dan Kepala Sub Bagian/Seksi.')
        : h('table', { class: 'list clickable', id: 'official-list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Nama / NIP'), h('th', {}, 'Jabatan'), h('th', {}, 'Pangkat'), h('th', {}, 'Status'))),
          h('tbody', {}, officials.map((o) => h('tr', {
            tabindex: 0, class: o.id === selectId ? 'selected' : '',
            onclick: () => edit(o), onkeydown: (e) => { if (e.key === 'Enter') edit(o); },
          },
          h('td', {}, h('div', {}, o.name), h('div', { class: 'muted small' }, `NIP. ${o.nip_spaced}`)),
          h('td', {}, h('div', {}, o.position), h('div', { class: 'muted small' }, o.unit_name),
            o.acting.map((a) => h('div', { class: 'small acting' }, a.label))),
          h('td', {}, o.rank_label),
          h('td', {}, o.active ? 'Menjabat' : 'Tidak menjabat'))))));
  }

  async function edit(chosen) {
    const fresh = await openFresh('official', chosen, reload);
    if (!fresh) return;
    const { seen } = fresh;
    const official = chosen && (officials.find((o) => o.id === chosen.id) || chosen);
    const values = (v) => ({
      name: v.name, nip: v.nip, rank_code: v.rank_code, position: v.position,
      unit_id: v.unit_id === '' ? null : Number(v.unit_id), active_from: v.active_from, active_to: v.active_to,
    });
    const formEl = form({
      submitLabel: official ? 'Simpan perubahan' : 'Tambah pejabat',
      fields: [
        field({ name: 'name', label: 'Nama lengkap dengan gelar', required: true, value: official?.name || '', maxlength: 120 }),
        field({ name: 'nip', label: 'NIP', required: true, value: official?.nip_spaced || '', maxlength: 40, inputmode: 'numeric',
          hint: '18 angka: tanggal lahir, bulan pengangkatan, jenis kelamin, nomor urut.' }),
        field({ name: 'rank_code', label: 'Pangkat/golongan', kind: 'select', required: true, value: official?.rank_code || '', options: rankOptions }),
        field({ name: 'position', label: 'Jabatan', required: true, value: official?.position || '', maxlength: 150,
          placeholder: 'mis. Kepala Bidang Rehabilitasi Sosial' }),
        field({ name: 'unit_id', label: 'Unit kerja', kind: 'select', required: true, value: String(official?.unit_id ?? unitOptions[0]?.value ?? ''), options: unitOptions }),
        h('div', { class: 'row-fields' },
          field({ name: 'active_from', label: 'Menjabat sejak', kind: 'date', required: true, value: official ? isoToTyped(official.active_from) : todayTyped() }),
          field({ name: 'active_to', label: 'Menjabat sampai', kind: 'date', value: official ? isoToTyped(official.active_to) : '', hint: 'Kosongkan bila masih menjabat.' })),
      ],
      check: (v) => api.officialCheck(official?.id ?? null, values(v)),
      onCancel: () => showHint(),
      onSubmit: async (v) => {
        const saved = await api.officialSave(official?.id ?? null, { ...values(v), seen });
        toast(`Data ${saved.name} tersimpan.`);
        await reload(saved.id);
        edit(officials.find((o) => o.id === saved.id));
      },
    });
    clear(editor).append(h('h2', {}, official ? `Ubah pejabat: ${official.name}` : 'Pejabat baru'), formEl);
    if (official) editor.append(actingSection(official));
    focusFirst(formEl);
  }

  function actingSection(official) {
    const list = official.acting.length
      ? h('ul', { class: 'plain', id: 'acting-list' }, official.acting.map((a) => h('li', {}, a.label, ' ',
        h('button', { type: 'button', class: 'link', onclick: async () => {
          if (!(await confirmDialog(`Hapus penugasan "${a.label}"?`, 'Hapus'))) return;
          try {
            await api.actingRemove(a.id);
            toast('Penugasan dihapus.');
            await reload(official.id);
            edit(officials.find((o) => o.id === official.id));
          } catch (error) { toast(messageOf(error), 'error'); }
        } }, 'hapus'))))
      : h('p', { class: 'muted' }, 'Tidak ada penugasan Plt./Plh.');
    const formEl = form({
      submitLabel: 'Tambah penugasan',
      fields: [
        h('div', { class: 'row-fields' },
          field({ name: 'kind', label: 'Jenis', kind: 'select', value: 'plt', width: 's',
            options: [{ value: 'plt', label: 'Plt. (pelaksana tugas)' }, { value: 'plh', label: 'Plh. (pelaksana harian)' }] }),
          field({ name: 'position', label: 'Jabatan yang dilaksanakan', required: true, maxlength: 150, placeholder: 'mis. Kepala Dinas Sosial Kota Kupang' })),
        field({ name: 'unit_id', label: 'Unit', kind: 'select', value: unitOptions[0]?.value ?? '', options: unitOptions }),
        h('div', { class: 'row-fields' },
          field({ name: 'valid_from', label: 'Berlaku mulai', kind: 'date', required: true, value: todayTyped() }),
          field({ name: 'valid_to', label: 'Berlaku sampai', kind: 'date', hint: 'Wajib untuk Plh.' })),
      ],
      onSubmit: async (v) => {
        await api.actingAdd({ official_id: official.id, kind: v.kind, position: v.position,
          unit_id: v.unit_id === '' ? null : Number(v.unit_id), valid_from: v.valid_from, valid_to: v.valid_to });
        toast('Penugasan Plt./Plh. tersimpan.');
        await reload(official.id);
        edit(officials.find((o) => o.id === official.id));
      },
    });
    return h('div', { class: 'subsection' }, h('h3', {}, 'Penugasan Plt./Plh.'), list, formEl);
  }

  function showHint() {
    clear(editor).append(h('h2', {}, 'Pejabat'),
      h('p', { class: 'muted' }, 'Pilih pejabat di daftar untuk mengubahnya, atau tekan "Tambah pejabat".'));
  }

  await reload();
  showHint();
}
