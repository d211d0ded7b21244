// Cari: the one search box over cases, letters, visits and people (#cari?q=…), with filters
// for cases (date range, channel, status).
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { field, form } from '../forms.js';

const HREF = {
  case: (id) => `#pengaduan/${id}`,
  letter: (id) => `#suratmasuk/surat/${id}`,
  person: (id) => `#bukutamu/orang/${id}`,
};

export async function render(main, sub) {
  const params = new URLSearchParams(sub.split('?')[1] || '');
  const channels = await api.channels();
  const officials = (await api.officials()).filter((o) => o.active);
  const results = h('section', { class: 'card', id: 'search-results', 'aria-live': 'polite' });
  const show = (found) => {
    clear(results).append(h('h2', {}, `Hasil (${found.total}${found.truncated ? '+' : ''})`));
    if (!found.hits.length) {
      results.append(h('p', { class: 'muted' }, 'Tidak ada yang cocok. Coba kata lain atau nomor registrasi.'));
      return;
    }
    results.append(h('ul', { class: 'hits' }, found.hits.map((hit) => {
      const href = HREF[hit.kind]?.(hit.id);
      return h('li', { dataset: { kind: hit.kind, id: hit.id } },
        h('span', { class: 'badge kind' }, hit.kind_label), ' ',
        href ? h('a', { href }, hit.title) : h('strong', {}, hit.title),
        hit.date_label ? h('span', { class: 'muted small' }, ` · ${hit.date_label}`) : null,
        h('div', { class: 'muted small' }, hit.detail));
    })));
    if (found.total > found.hits.length) {
      results.append(h('p', { class: 'muted small' }, `Ditampilkan ${found.hits.length} teratas; tambah kata atau saringan.`));
    }
  };
  const formEl = form({
    submitLabel: 'Cari',
    fields: [
      field({ name: 'text', label: 'Kata, nomor atau nama', required: true, maxlength: 200, value: params.get('q') || '' }),
      h('div', { class: 'row-fields' },
        field({ name: 'from', label: 'Dari tanggal', kind: 'date' }),
        field({ name: 'to', label: 'sampai', kind: 'date' }),
        field({ name: 'channel', label: 'Saluran (pengaduan)', kind: 'select', value: '',
          options: [{ value: '', label: 'Semua' }, ...channels.map((c) => ({ value: c.code, label: c.name }))] }),
        field({ name: 'status', label: 'Status (pengaduan)', kind: 'select', value: '', options: [
          { value: '', label: 'Semua' }, { value: 'open', label: 'Belum dijawab' }, { value: 'dijawab', label: 'Dijawab' },
          { value: 'selesai', label: 'Selesai' }, { value: 'dilimpahkan', label: 'Dilimpahkan' }] }),
        field({ name: 'official_id', label: 'Pada pejabat', kind: 'select', value: '',
          options: [{ value: '', label: 'Semua' }, ...officials.map((o) => ({ value: String(o.id), label: o.name }))] })),
    ],
    onSubmit: async (v) => show(await api.search({ ...v, official_id: v.official_id ? Number(v.official_id) : null })),
  });
  main.append(h('h1', {}, 'Cari'), h('section', { class: 'card' }, formEl), results);
  if (params.get('q')) {
    show(await api.search({ text: params.get('q'), from: '', to: '', channel: '', status: '', official_id: null }));
  }
  formEl.querySelector('[name=text]').focus();
}
