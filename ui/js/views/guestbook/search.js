// Cari kunjungan: by date range, name, NIK or purpose; newest first; a row opens the
// visitor's history.
import * as api from '../../api.js';
import { h, clear } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import { todayTyped } from '../../format.js';
import { listOf } from '../../choices.js';


export async function render(panel) {
  const results = h('section', { class: 'card', id: 'visit-results' });
  const formEl = form({
    submitLabel: 'Cari',
    fields: [
      h('div', { class: 'row-fields' },
        field({ name: 'from', label: 'Dari tanggal', kind: 'date', value: '' }),
        field({ name: 'to', label: 'Sampai tanggal', kind: 'date', value: todayTyped() }),
        field({ name: 'purpose_category', label: 'Kategori', kind: 'select', value: '', options: listOf('visit_purposes', { value: '', label: 'Semua' }) })),
      h('div', { class: 'row-fields' },
        field({ name: 'name', label: 'Nama', maxlength: 100 }),
        field({ name: 'nik', label: 'NIK (16 angka)', maxlength: 24, inputmode: 'numeric' }),
        field({ name: 'purpose', label: 'Kata dalam keperluan', maxlength: 100 })),
    ],
    onSubmit: async (v) => show(await api.visitsSearch(v)),
  });
  panel.append(h('section', { class: 'card' }, h('h2', {}, 'Cari kunjungan'), formEl), results);
  focusFirst(formEl);

  function show(found) {
    clear(results).append(h('h2', {}, found.total > found.visits.length
      ? `${found.total} kunjungan cocok; ${found.visits.length} terbaru ditampilkan — persempit pencarian untuk yang lebih lama`
      : `${found.total} kunjungan cocok`));
    if (!found.visits.length) {
      results.append(h('p', { class: 'muted' }, 'Tidak ada kunjungan yang cocok.'));
      return;
    }
    results.append(h('table', { class: 'list clickable', id: 'visit-search-results' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Tanggal'), h('th', {}, 'Tamu'), h('th', {}, 'NIK'), h('th', {}, 'Keperluan'), h('th', {}, 'Hasil'))),
      h('tbody', {}, found.visits.map((v) => {
        const open = () => { location.hash = `#bukutamu/orang/${v.person_id}`; };
        return h('tr', { tabindex: 0, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } },
          h('td', { class: 'nowrap' }, `${v.visit_date_label} ${v.time_in_label}`),
          h('td', {}, v.name, h('div', { class: 'muted small' }, v.institution || v.address)),
          h('td', { class: 'mono' }, v.id_number_masked),
          h('td', {}, v.purpose_category_label, h('div', { class: 'muted small clip' }, v.purpose)),
          h('td', {}, v.outcome_label || (v.in_building ? 'Masih di dalam gedung' : '-')));
      }))));
  }
}
