// Hari Libur: the national holidays and cuti bersama of a year (SKB), added by hand or
// imported from CSV; the working-day calendar counts around them.
import * as api from '../../api.js';
import { h, clear, toast, confirmDialog, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import { isoToTyped } from '../../format.js';

const KIND_LABEL = { libur_nasional: 'Libur nasional', cuti_bersama: 'Cuti bersama' };

export async function render(panel) {
  const thisYear = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  let year = thisYear;
  const listBox = h('section', { class: 'card' });
  const editor = h('section', { class: 'card' });
  panel.append(h('div', { class: 'grid-2' }, listBox, editor));
  const importResult = h('div', { 'aria-live': 'polite' });

  async function reload() {
    const data = await api.holidays(year);
    const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, ...data.years])].sort((a, b) => b - a);
    const yearSelect = h('select', { id: 'holiday-year', 'aria-label': 'Tahun', onchange: (e) => { year = Number(e.target.value); reload(); } },
      years.map((y) => h('option', { value: String(y) }, `${y}${data.years.includes(y) ? '' : ' (belum ada daftar)'}`)));
    yearSelect.value = String(year);
    clear(listBox).append(
      h('div', { class: 'card-head' }, h('h2', {}, 'Hari libur dan cuti bersama'), yearSelect,
        h('button', { type: 'button', id: 'holiday-import', onclick: importCsv }, 'Impor CSV…')),
      importResult,
      data.holidays.length === 0
        ? h('div', { class: 'banner warn' }, `Daftar tahun ${year} belum diisi: tenggat yang melewati tahun ini hanya melewati Sabtu dan Minggu.`)
        : h('table', { class: 'list clickable', id: 'holiday-list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Tanggal'), h('th', {}, 'Keterangan'), h('th', {}, 'Jenis'))),
          h('tbody', {}, data.holidays.map((hol) => h('tr', { tabindex: 0, onclick: () => edit(hol), onkeydown: (e) => { if (e.key === 'Enter') edit(hol); } },
            h('td', {}, hol.label), h('td', {}, hol.name), h('td', {}, KIND_LABEL[hol.kind]))))),
      h('p', { class: 'muted small' }, `${data.holidays.length} hari.`));
  }

  async function importCsv() {
    const path = await api.pickFile('Impor hari libur (CSV: tanggal;keterangan;jenis)', ['csv', 'txt']);
    if (!path) return;
    if (!(await confirmDialog('Daftar libur tiap tahun yang ada di berkas akan diganti seluruhnya oleh isi berkas. Lanjutkan?', 'Impor'))) return;
    try {
      const result = await api.holidaysImport(path);
      toast(`Impor selesai: ${result.years.map((y) => `${y.count} hari di tahun ${y.year}`).join(', ')}.`);
      importResult.replaceChildren();
      year = result.years[0]?.year ?? year;
      await reload();
    } catch (error) {
      importResult.replaceChildren(h('div', { class: 'banner error', role: 'alert' }, `Tidak ada yang diimpor. ${messageOf(error)}`));
    }
  }

  function edit(holiday) {
    const extra = holiday ? [h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!(await confirmDialog(`Hapus ${holiday.label} (${holiday.name}) dari daftar libur?`, 'Hapus'))) return;
      try {
        await api.holidayDelete(holiday.date);
        toast('Hari libur dihapus.');
        await reload();
        edit(null);
      } catch (error) { toast(messageOf(error), 'error'); }
    } }, 'Hapus')] : [];
    const formEl = form({
      submitLabel: holiday ? 'Simpan perubahan' : 'Tambah hari libur',
      extra,
      fields: [
        field({ name: 'date', label: 'Tanggal', kind: 'date', required: true, value: holiday ? isoToTyped(holiday.date) : '' }),
        field({ name: 'name', label: 'Keterangan', required: true, value: holiday?.name || '', maxlength: 120 }),
        field({ name: 'kind', label: 'Jenis', kind: 'select', value: holiday?.kind || 'libur_nasional',
          options: [{ value: 'libur_nasional', label: 'Libur nasional' }, { value: 'cuti_bersama', label: 'Cuti bersama' }] }),
      ],
      onCancel: () => edit(null),
      onSubmit: async (v) => {
        const saved = await api.holidaySave(v, holiday?.date ?? null);
        toast(`${saved.label} tersimpan.`);
        year = Number(saved.date.slice(0, 4));
        await reload();
        edit(null);
      },
    });
    clear(editor).append(h('h2', {}, holiday ? 'Ubah hari libur' : 'Tambah hari libur'), formEl,
      h('p', { class: 'muted small' }, 'Format CSV untuk impor: tanggal (hh/bb/tttt), keterangan, jenis (libur nasional atau cuti bersama).'));
    focusFirst(formEl);
  }

  await reload();
  edit(null);
}
