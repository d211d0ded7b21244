// Laporan: the recap of a month, quarter or year (#laporan?jenis=bulan&tahun=2026&nomor=11),
// every number opening the records it counts, two charts drawn here as SVG, the recap as PDF,
// and exports of the recap and every list to Excel or CSV with progress and a cancel button.
import * as api from '../api.js';
import { h, clear, toast, messageOf } from '../dom.js';
import { field, form } from '../forms.js';
import { isoToTyped, todayIso } from '../format.js';
import { documentButtons } from '../documents.js';
import * as session from '../session.js';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
  'September', 'Oktober', 'November', 'Desember'];
const KINDS = [{ value: 'bulan', label: 'Bulanan' }, { value: 'triwulan', label: 'Triwulanan' }, { value: 'tahun', label: 'Tahunan' }];
const QUARTERS = ['I (Januari–Maret)', 'II (April–Juni)', 'III (Juli–September)', 'IV (Oktober–Desember)'];
const LISTS = [
  { value: 'recap', label: 'Rekap periode ini' }, { value: 'visits', label: 'Buku tamu' },
  { value: 'letters', label: 'Surat masuk' }, { value: 'cases', label: 'Pengaduan' },
  { value: 'dispositions', label: 'Disposisi' }, { value: 'outgoing', label: 'Surat keluar' },
];
// Colours for the channels, distinguishable in greyscale print too (light to dark).
const COLOURS = ['#0f5c63', '#f2b233', '#7aa6c2', '#b5523b', '#5b8c3a', '#8e6bb5', '#3d3d3d', '#c98fa6'];

function numberOptions(kind) {
  if (kind === 'triwulan') return QUARTERS.map((label, i) => ({ value: String(i + 1), label }));
  if (kind === 'tahun') return [{ value: '0', label: '—' }];
  return MONTHS.map((label, i) => ({ value: String(i + 1), label }));
}

export async function render(main, sub) {
  const params = new URLSearchParams(sub.split('?')[1] || '');
  const today = todayIso();
  const input = {
    kind: params.get('jenis') || 'bulan',
    // A year typed wrongly in the address goes to the core, which names the field.
    year: params.has('tahun') ? Number.parseInt(params.get('tahun'), 10) : Number(today.slice(0, 4)),
    number: Number(params.get('nomor') ?? Number(today.slice(5, 7))) || Number(today.slice(5, 7)),
  };
  main.append(h('h1', {}, 'Laporan'));
  const picker = periodForm(input);
  const body = h('div', { id: 'recap' });
  main.append(h('section', { class: 'card' }, picker), body);
  await showRecap(body, input);
}

function periodForm(input) {
  const formEl = form({
    submitLabel: 'Tampilkan',
    fields: [h('div', { class: 'row-fields' },
      field({ name: 'kind', label: 'Jenis laporan', kind: 'select', value: input.kind, options: KINDS, width: 's' }),
      field({ name: 'number', label: 'Bulan / triwulan', kind: 'select', value: String(input.number), options: numberOptions(input.kind) }),
      field({ name: 'year', label: 'Tahun', value: String(input.year), maxlength: 4, width: 's', inputmode: 'numeric' }))],
    onSubmit: async (v) => {
      location.hash = `#laporan?jenis=${v.kind}&tahun=${encodeURIComponent(v.year)}&nomor=${v.kind === 'tahun' ? 0 : v.number}`;
    },
  });
  const kind = formEl.querySelector('[name=kind]');
  kind.addEventListener('change', () => {
    const select = formEl.querySelector('[name=number]');
    select.replaceChildren(...numberOptions(kind.value).map((o) => h('option', { value: o.value }, o.label)));
    select.closest('.field').hidden = kind.value === 'tahun';
  });
  formEl.querySelector('[name=number]').closest('.field').hidden = input.kind === 'tahun';
  formEl.id = 'period-form';
  return formEl;
}

async function showRecap(body, input) {
  let recap;
  try {
    recap = await api.recap(input);
  } catch (error) {
    body.append(h('div', { class: 'banner error', role: 'alert' }, messageOf(error)));
    return;
  }
  const drill = h('section', { class: 'card', id: 'recap-list', hidden: true });
  const open = (title, figure, code = '') => showList(drill, input, title, figure, code);
  const link = (n, title, figure, code, id) => h('button', {
    type: 'button', class: 'linklike', id, dataset: { figure, code },
    onclick: () => open(title, figure, code), 'aria-label': `${title}: ${n}`,
  }, String(n));
  const tile = (n, label, title, figure, id, warn) => h('button', {
    type: 'button', class: `count${warn && n ? ' warn' : ''}`, id, dataset: { figure },
    onclick: () => open(title, figure),
  }, h('strong', {}, String(n)), h('span', {}, label));
  const pct = (v) => (v === null || v === undefined ? '—' : `${String(v).replace('.', ',')}%`);
  const days = (v) => (v === null || v === undefined ? '—' : String(v).replace('.', ','));

  body.append(h('section', { class: 'card counts', id: 'recap-summary' },
    h('div', { class: 'card-head' }, h('h2', {}, `${recap.period.label}`),
      h('span', { class: 'muted small' }, `keadaan per ${recap.as_of_label}`),
      documentButtons({ idPrefix: 'recap-pdf', viewLabel: 'Cetak rekap', make: (path) => api.recapPdf(input, path),
        defaultName: () => `rekap-pengaduan-${recap.period.label.toLowerCase().replace(/ /g, '-')}.pdf` })),
    h('div', { class: 'count-row' },
      tile(recap.cases_total, 'pengaduan diterima', `Pengaduan diterima — ${recap.period.label}`, 'cases', 'recap-total'),
      tile(recap.sla.on_time, 'dijawab tepat waktu', 'Dijawab tepat waktu', 'sla:on_time', 'recap-on-time'),
      tile(recap.sla.late, 'terlambat', 'Terlambat (dijawab sesudah batas waktu atau masih terbuka melewatinya)', 'sla:late', 'recap-late', true),
      tile(recap.sla.pending, 'belum jatuh tempo', 'Belum jatuh tempo', 'sla:pending', 'recap-pending'),
      h('div', { class: 'count static', id: 'recap-share' }, h('strong', {}, pct(recap.sla.share_on_time)), h('span', {}, 'tepat waktu')),
      tile(days(recap.answer_days_average), `hari kerja rata-rata (paling lama ${recap.answer_days_longest ?? '—'})`, 'Pengaduan yang sudah dijawab', 'answered', 'recap-days'),
      tile(recap.open_at_end, 'belum selesai di akhir periode', `Belum selesai per ${recap.as_of_label}`, 'open_at_end', 'recap-open'),
      tile(recap.overdue_at_end, 'melewati batas waktu', `Melewati batas waktu per ${recap.as_of_label}`, 'overdue_at_end', 'recap-overdue', true),
      tile(recap.visits_total, 'kunjungan buku tamu', 'Kunjungan buku tamu', 'visits', 'recap-visits'),
      tile(recap.cards_returned_late, 'kartu identitas terlambat kembali', 'Kartu identitas tidak kembali pada hari kunjungan', 'cards_late', 'recap-cards', true))));

  const slaTable = (id, first, rows, figure) => (!rows.length ? h('p', { class: 'muted', id }, 'Belum ada pengaduan pada periode ini.') : h('div', { class: 'table-wrap' }, h('table', { class: 'list', id },
    h('thead', {}, h('tr', {}, h('th', {}, first), h('th', { class: 'num' }, 'Tepat'), h('th', { class: 'num' }, 'Terlambat'),
      h('th', { class: 'num', title: 'Belum jatuh tempo' }, 'Belum j.t.'), h('th', { class: 'num', title: 'Persentase tepat waktu' }, '%'))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { code: r.code } },
      h('td', {}, r.label),
      h('td', { class: 'num' }, link(r.on_time, `${r.label}: tepat waktu`, `${figure}:on_time`, r.code)),
      h('td', { class: 'num' }, link(r.late, `${r.label}: terlambat`, `${figure}:late`, r.code)),
      h('td', { class: 'num' }, link(r.pending, `${r.label}: belum jatuh tempo`, `${figure}:pending`, r.code)),
      h('td', { class: 'num' }, pct(r.share_on_time))))))));
  const countTable = (id, first, rows, figure) => h('table', { class: 'list', id },
    h('thead', {}, h('tr', {}, h('th', {}, first), h('th', { class: 'num' }, 'Jumlah'))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { code: r.code } }, h('td', {}, r.label),
      h('td', { class: 'num' }, link(r.count, `${first}: ${r.label}`, figure, r.code))))));

  body.append(h('div', { class: 'grid-2' },
    h('section', { class: 'card' }, h('h2', {}, 'Pengaduan per bulan dan saluran'), monthChart(recap), shareChart(recap)),
    h('section', { class: 'card' }, h('h2', {}, 'Ketepatan waktu per saluran'), slaTable('recap-by-channel', 'Saluran', recap.sla_by_channel, 'sla_channel'),
      h('h3', {}, 'Per unit penjawab'), slaTable('recap-by-unit', 'Unit', recap.sla_by_unit, 'sla_unit'))));
  body.append(h('div', { class: 'grid-3' },
    h('section', { class: 'card' }, h('h2', {}, 'Pengaduan'), countTable('recap-by-channel-count', 'Saluran', recap.by_channel, 'channel'),
      countTable('recap-by-kind', 'Jenis', recap.by_kind, 'kind'), countTable('recap-by-status', 'Status (saat ini)', recap.by_status, 'status')),
    h('section', { class: 'card' }, h('h2', {}, 'Buku tamu'), countTable('recap-by-purpose', 'Keperluan', recap.visits_by_purpose, 'visit_purpose'),
      countTable('recap-by-outcome', 'Hasil', recap.visits_by_outcome, 'visit_outcome'),
      countTable('recap-counter-answers', 'Jawaban di loket (target waktu atau sesuai kebutuhan)', recap.counter_answers, 'counter_answer')),
    exportCard(recap, input)));
  body.append(drill);
}

let listSeq = 0;
async function showList(section, input, title, figure, code) {
  const mine = ++listSeq;
  section.hidden = false;
  clear(section).append(h('h2', {}, title), h('p', { class: 'muted' }, 'Memuat…'));
  try {
    const list = await api.recapList(input, { figure, code });
    // A figure clicked later answers later too: only the last one is shown.
    if (mine !== listSeq) return;
    const rows = list.cases.length
      ? h('table', { class: 'list clickable', id: 'recap-list-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Nomor'), h('th', {}, 'Diterima'), h('th', {}, 'Saluran'), h('th', {}, 'Pelapor dan uraian'),
          h('th', {}, 'Batas waktu'), h('th', {}, 'Status'))),
        h('tbody', {}, list.cases.map((c) => {
          const go = () => { location.hash = `#pengaduan/${c.id}`; };
          return h('tr', { tabindex: 0, dataset: { case: c.id }, onclick: go, onkeydown: (e) => { if (e.key === 'Enter') go(); } },
            h('td', { class: 'nowrap mono' }, c.reg_number), h('td', { class: 'nowrap' }, c.received_label.split(' pukul')[0]),
            h('td', {}, c.channel_label), h('td', {}, h('div', {}, c.complainant), h('div', { class: 'muted small clip' }, c.summary)),
            h('td', { class: 'nowrap' }, c.due_label), h('td', {}, c.status_label));
        })))
      : list.visits.length
        ? h('table', { class: 'list clickable', id: 'recap-list-table' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Tanggal'), h('th', {}, 'Masuk'), h('th', {}, 'Nama'), h('th', {}, 'Keperluan'), h('th', {}, 'Hasil'))),
          h('tbody', {}, list.visits.map((v) => {
            const go = () => { location.hash = `#bukutamu/orang/${v.person_id}`; };
            return h('tr', { tabindex: 0, dataset: { visit: v.id }, onclick: go, onkeydown: (e) => { if (e.key === 'Enter') go(); } },
              h('td', { class: 'nowrap' }, v.date_label), h('td', {}, v.time_in), h('td', {}, v.name), h('td', {}, v.purpose_label), h('td', {}, v.outcome_label));
          })))
        : h('p', { class: 'muted' }, 'Tidak ada data.');
    const shown = list.cases.length + list.visits.length;
    clear(section).append(h('h2', {}, `${title} (${list.total})`), rows);
    if (list.total > shown) section.append(h('p', { class: 'muted small' }, `Ditampilkan ${shown} dari ${list.total}.`));
    section.scrollIntoView({ block: 'start' });
  } catch (error) {
    clear(section).append(h('h2', {}, title), h('div', { class: 'banner error' }, messageOf(error)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Stacked bars: cases received per month, one colour per channel, with a legend. */
function monthChart(recap) {
  const width = 560; const height = 220; const left = 34; const bottom = 22; const top = 10;
  const totals = recap.months.map((m) => m.by_channel.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const slot = (width - left - 6) / 12;
  const scale = (n) => ((height - top - bottom) * n) / ceiling;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', id: 'chart-months', role: 'img',
    'aria-label': `Pengaduan per bulan ${recap.period.year}` });
  for (let v = 0; v <= ceiling; v += step) {
    const y = height - bottom - scale(v);
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }), svg('text', { x: left - 4, y: y + 4, class: 'axis', 'text-anchor': 'end' }, v));
  }
  recap.months.forEach((m, i) => {
    let y = height - bottom;
    const x = left + i * slot + slot * 0.18;
    m.by_channel.forEach((n, c) => {
      if (!n) return;
      const hgt = scale(n);
      y -= hgt;
      chart.append(svg('rect', { x, y, width: slot * 0.64, height: hgt, fill: COLOURS[c % COLOURS.length] },
        svg('title', {}, `${m.label}: ${recap.channels[c].label} ${n}`)));
    });
    chart.append(svg('text', { x: x + slot * 0.32, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, m.label));
    if (totals[i]) chart.append(svg('text', { x: x + slot * 0.32, y: y - 3, class: 'value', 'text-anchor': 'middle' }, totals[i]));
  });
  const legend = h('ul', { class: 'legend' }, recap.channels.map((c, i) => h('li', {},
    h('span', { class: 'swatch', style: { background: COLOURS[i % COLOURS.length] } }), c.label)));
  return h('figure', { class: 'chart-box' }, chart, legend);
}

/** The share answered on time, month by month (bars out of 100%). */
function shareChart(recap) {
  const width = 560; const height = 150; const left = 34; const bottom = 22; const top = 10;
  const slot = (width - left - 6) / 12;
  const scale = (p) => ((height - top - bottom) * p) / 100;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', id: 'chart-share', role: 'img',
    'aria-label': `Persentase tepat waktu per bulan ${recap.period.year}` });
  for (const v of [0, 50, 100]) {
    const y = height - bottom - scale(v);
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }), svg('text', { x: left - 4, y: y + 4, class: 'axis', 'text-anchor': 'end' }, `${v}%`));
  }
  recap.months.forEach((m, i) => {
    const x = left + i * slot + slot * 0.18;
    chart.append(svg('text', { x: x + slot * 0.32, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, m.label));
    if (m.share_on_time === null) return;
    const hgt = scale(m.share_on_time);
    const y = height - bottom - hgt;
    chart.append(svg('rect', { x, y, width: slot * 0.64, height: Math.max(hgt, 1), class: m.share_on_time < 80 ? 'bar low' : 'bar' },
      svg('title', {}, `${m.label}: ${m.share_on_time}% tepat waktu`)),
    svg('text', { x: x + slot * 0.32, y: y - 3, class: 'value', 'text-anchor': 'middle' }, `${Math.round(m.share_on_time)}`));
  });
  return h('figure', { class: 'chart-box' }, h('figcaption', { class: 'muted small' }, 'Tepat waktu per bulan (% dari yang sudah jatuh tempo atau dijawab; di bawah 80% diberi warna lain)'), chart);
}

function niceStep(max) {
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]) {
    if (max / step <= 5) return step;
  }
  return 10000;
}

/** Export: the recap or a list, Excel or CSV, with progress and cancel. */
function exportCard(recap, input) {
  const status = h('div', { class: 'export-status', id: 'export-status', 'aria-live': 'polite' });
  const canReveal = session.can('reveal_nik');
  const formEl = form({
    submitLabel: 'Ekspor…',
    fields: [
      field({ name: 'list', label: 'Yang diekspor', kind: 'select', value: 'recap', options: LISTS }),
      field({ name: 'format', label: 'Format', kind: 'select', value: 'xlsx',
        options: [{ value: 'xlsx', label: 'Excel (.xlsx)' }, { value: 'csv', label: 'CSV (pemisah ;)' }] }),
      h('div', { class: 'row-fields', dataset: { range: '1' } },
        field({ name: 'from', label: 'Dari tanggal', kind: 'date', value: isoToTyped(recap.period.from), width: 's' }),
        field({ name: 'to', label: 'Sampai', kind: 'date', value: isoToTyped(recap.as_of), width: 's' })),
      canReveal ? field({ name: 'reveal_nik', label: 'Tampilkan NIK lengkap (dicatat di jejak audit)', kind: 'checkbox' }) : null,
    ].filter(Boolean),
    onSubmit: async (v) => {
      const ext = v.format === 'csv' ? 'csv' : 'xlsx';
      const name = `${v.list === 'recap' ? 'rekap' : v.list}-${recap.period.label.toLowerCase().replace(/ /g, '-')}.${ext}`;
      const path = await api.pickSavePath('Simpan ekspor', name, [ext]);
      if (!path) return;
      await runExport({ list: v.list, format: v.format, from: v.from, to: v.to, period: input, reveal_nik: Boolean(v.reveal_nik) }, path, status);
    },
  });
  formEl.id = 'export-form';
  const sync = () => {
    const list = formEl.querySelector('[name=list]').value;
    formEl.querySelector('[data-range]').hidden = list === 'recap';
    const reveal = formEl.querySelector('[data-field=reveal_nik]');
    if (reveal) reveal.hidden = list !== 'visits';
  };
  formEl.addEventListener('change', sync);
  sync();
  return h('section', { class: 'card' }, h('h2', {}, 'Ekspor'), formEl, status);
}

let jobSeq = 0;
/** Runs one export, showing its progress with a cancel button. */
export async function runExport(request, path, status) {
  const job = `ekspor-${Date.now()}-${++jobSeq}`;
  const bar = h('progress', { max: 1, value: 0, id: 'export-progress' });
  const label = h('span', { class: 'muted small' }, 'Menyiapkan data…');
  const cancel = h('button', { type: 'button', id: 'export-cancel', onclick: () => {
    api.exportCancel(job).catch((error) => toast(messageOf(error), 'error'));
    cancel.disabled = true;
    label.textContent = 'Membatalkan…';
  } }, 'Batal');
  clear(status).append(bar, label, cancel);
  const unlisten = await window.__TAURI__.event.listen('loket://export-progress', (event) => {
    if (event.payload.job !== job) return;
    bar.max = Math.max(1, event.payload.total);
    bar.value = event.payload.done;
    label.textContent = `${event.payload.done} dari ${event.payload.total} baris`;
  });
  try {
    const result = await api.exportRun(job, request, path);
    clear(status).append(h('p', { class: result.cancelled ? 'muted' : 'banner ok', id: 'export-done' },
      result.cancelled ? 'Ekspor dibatalkan; tidak ada berkas yang ditulis.' : `Tersimpan ${result.rows} baris: ${result.path}`));
    if (!result.cancelled) toast('Ekspor selesai.');
  } catch (error) {
    clear(status);
    // A field's problem (a date, the range) goes beside the field; the rest here.
    if (error?.fields?.length) throw error;
    status.append(h('div', { class: 'banner error', role: 'alert' }, messageOf(error)));
  } finally {
    unlisten();
  }
}
