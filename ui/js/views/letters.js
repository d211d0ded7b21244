// Surat Masuk: the agenda book (newest first, searchable), registering a letter with its
// scans, and one letter's page (scans, its case, dispositions). #suratmasuk, #suratmasuk/baru,
// #suratmasuk/surat/12.
import * as api from '../api.js';
import { h, clear, toast, messageOf } from '../dom.js';
import { field, form, focusFirst } from '../forms.js';
import { instantToTypedWita, todayTyped } from '../format.js';
import { tabNav } from '../tabs.js';
import * as session from '../session.js';
import { dispositionSection } from './cases/dispositions.js';
import { documentButtons } from '../documents.js';
import { listOf } from '../choices.js';



export async function render(main, sub) {
  const [path, query = ''] = sub.split('?');
  const params = new URLSearchParams(query);
  const [tab, id] = path.split('/');
  if (tab === 'surat') {
    await renderLetter(main, Number(id));
    return;
  }
  const tabs = [['agenda', 'Buku agenda']];
  if (session.can('record_letters')) tabs.push(['baru', 'Catat surat masuk']);
  const current = tabs.find(([key]) => key === tab)?.[0] || 'agenda';
  main.append(h('h1', {}, 'Surat Masuk'), tabNav('suratmasuk', tabs, current, 'Bagian surat masuk'));
  const panel = h('div', { class: 'tab-panel' });
  main.append(panel);
  if (current === 'baru') await renderForm(panel);
  else await renderBook(panel, params);
}

async function renderBook(panel, params) {
  const today = params.get('today') ? todayTyped() : '';
  const results = h('section', { class: 'card', id: 'letter-list' });
  const show = (list) => {
    clear(results).append(h('h2', {}, `Surat masuk (${list.total})`));
    if (!list.letters.length) {
      results.append(h('p', { class: 'muted' }, 'Tidak ada surat yang cocok.'));
      return;
    }
    results.append(h('table', { class: 'list clickable', id: 'letters' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Agenda'), h('th', {}, 'Diterima'), h('th', {}, 'Pengirim'),
        h('th', {}, 'Nomor dan perihal'), h('th', {}, 'Sifat'), h('th', {}, 'Pengaduan'))),
      h('tbody', {}, list.letters.map((l) => h('tr', {
        tabindex: 0, dataset: { letter: l.id },
        onclick: () => { location.hash = `#suratmasuk/surat/${l.id}`; },
        onkeydown: (e) => { if (e.key === 'Enter') location.hash = `#suratmasuk/surat/${l.id}`; },
      },
      h('td', { class: 'nowrap mono' }, l.agenda_number),
      h('td', { class: 'nowrap' }, l.received_date_label),
      h('td', {}, l.sender_name),
      h('td', {}, h('div', { class: 'muted small' }, `No. ${l.letter_number} · ${l.letter_date_label}`), h('div', { class: 'clip' }, l.subject)),
      h('td', {}, l.urgency_label),
      h('td', { class: 'nowrap' }, l.case_reg_number || '—'))))));
    if (list.total > list.letters.length) {
      results.append(h('p', { class: 'muted small' }, `Ditampilkan ${list.letters.length} dari ${list.total}; persempit pencarian.`));
    }
  };
  const formEl = form({
    submitLabel: 'Cari',
    fields: [h('div', { class: 'row-fields' },
      field({ name: 'from', label: 'Diterima dari', kind: 'date', value: today }),
      field({ name: 'to', label: 'sampai', kind: 'date', value: today }),
      field({ name: 'text', label: 'Nomor, pengirim atau perihal', maxlength: 100 }))],
    onSubmit: async (v) => { const list = await api.letters(v); range = { from: v.from, to: v.to }; show(list); },
  });
  let range = { from: today, to: today };
  const print = documentButtons({
    idPrefix: 'agenda-print', viewLabel: 'Cetak agenda',
    make: (path) => api.incomingRegisterPdf(range, path),
    defaultName: () => `agenda-surat-masuk-${(range.from || 'awal-bulan').replace(/\//g, '-')}-${(range.to || 'hari-ini').replace(/\//g, '-')}.pdf`,
  });
  panel.append(h('section', { class: 'card' }, formEl,
    h('p', { class: 'muted small' }, 'Cetak agenda: surat yang diterima pada rentang tanggal di atas (kosong: awal bulan sampai hari ini). ', print)), results);
  show(await api.letters({ from: today, to: today, text: '' }));
}

async function renderForm(panel) {
  const codes = (await api.classificationCodes()).filter((c) => c.active);
  let files = [];
  const fileList = h('ul', { class: 'plain', id: 'picked-scans' });
  const showFiles = () => {
    clear(fileList).append(...files.map((path, i) => h('li', {}, path.split(/[\\/]/).pop(), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => { files.splice(i, 1); showFiles(); } }, 'hapus'))));
    if (!files.length) fileList.append(h('li', { class: 'muted' }, 'Belum ada berkas pindaian.'));
  };
  showFiles();
  const toInput = (v) => ({
    letter_number: v.letter_number, letter_date: v.letter_date, received_date: v.received_date,
    received_time: v.received_time, sender_name: v.sender_name, sender_address: v.sender_address,
    subject: v.subject, urgency: v.urgency, enclosures: v.enclosures, classification_code: v.classification_code,
    kind: v.kind,
  });
  // A complaint, request or suggestion opens its case with the letter: who wrote it, and what.
  const toComplaint = (v) => (v.kind && v.kind !== 'lainnya' ? {
    channel: 'letter', kind: v.kind, identity: v.identity,
    person: v.identity === 'anonymous' ? null : {
      person_id: null, name: v.complainant_name, id_type: 'lainnya', id_number: '', phone: v.phone,
      email: v.email, address: v.address, institution: '',
    },
    summary: v.summary,
  } : null);
  const [nowDate, nowTime] = instantToTypedWita(new Date().toISOString());
  const formEl = form({
    submitLabel: 'Simpan dan beri nomor agenda',
    fields: [
      h('div', { class: 'row-fields' },
        field({ name: 'letter_number', label: 'Nomor surat', required: true, maxlength: 200 }),
        field({ name: 'letter_date', label: 'Tanggal surat', kind: 'date', required: true })),
      h('div', { class: 'row-fields' },
        field({ name: 'received_date', label: 'Tanggal diterima', kind: 'date', value: nowDate }),
        field({ name: 'received_time', label: 'Jam diterima (WITA)', maxlength: 5, width: 's', value: nowTime,
          hint: 'Sesudah jam tutup kantor dihitung diterima hari kerja berikutnya.' })),
      field({ name: 'sender_name', label: 'Pengirim (orang atau instansi)', required: true, maxlength: 200 }),
      field({ name: 'sender_address', label: 'Alamat pengirim', maxlength: 300 }),
      field({ name: 'subject', label: 'Perihal', required: true, maxlength: 500 }),
      field({ name: 'kind', label: 'Jenis surat', kind: 'select', required: true, value: '', options: listOf('letter_kinds', { value: '', label: '— pilih —' }),
        hint: 'Pengaduan, permintaan informasi dan saran langsung tercatat sebagai pengaduan dengan batas waktunya.' }),
      h('fieldset', { class: 'complaint', id: 'letter-complaint', hidden: true },
        h('legend', {}, 'Pelapor dan uraian'),
        field({ name: 'identity', label: 'Identitas pelapor', kind: 'select', value: 'named', options: listOf('identities'), width: 's' }),
        field({ name: 'complainant_name', label: 'Nama pelapor', maxlength: 120, hint: 'Biasanya pengirim surat.' }),
        h('div', { class: 'row-fields' },
          field({ name: 'phone', label: 'Telepon/WhatsApp', maxlength: 32, inputmode: 'tel' }),
          field({ name: 'email', label: 'Email', maxlength: 120 })),
        field({ name: 'address', label: 'Alamat pelapor', maxlength: 300 }),
        field({ name: 'summary', label: 'Uraian pengaduan', kind: 'textarea', maxlength: 4000, hint: 'Biasanya perihal surat.' })),
      h('div', { class: 'row-fields' },
        field({ name: 'urgency', label: 'Sifat', kind: 'select', value: 'biasa', options: listOf('urgencies'), width: 's' }),
        field({ name: 'enclosures', label: 'Lampiran', value: '0', maxlength: 3, inputmode: 'numeric', width: 'xxs' }),
        field({ name: 'classification_code', label: 'Kode klasifikasi', kind: 'select', value: '',
          options: [{ value: '', label: '— tanpa kode —' }, ...codes.map((c) => ({ value: c.code, label: `${c.code} ${c.title}` }))] })),
      h('div', { class: 'field', dataset: { field: 'file' } }, h('label', {}, 'Berkas pindaian (PDF, JPEG, PNG)'), fileList,
        h('button', { type: 'button', id: 'pick-scans', onclick: async () => {
          try {
            files = [...files, ...(await api.pickScans('Pilih berkas pindaian surat'))];
            showFiles();
          } catch (error) { toast(messageOf(error), 'error'); }
        } }, 'Pilih berkas…'),
        h('div', { class: 'field-error', role: 'alert' })),
    ],
    check: (v) => api.letterCheck(toInput(v)),
    onSubmit: async (v) => {
      const saved = await api.letterRegister(toInput(v), toComplaint(v), files);
      toast(saved.letter.case_reg_number
        ? `Surat tercatat dengan nomor agenda ${saved.letter.agenda_number}, pengaduan ${saved.letter.case_reg_number}.`
        : `Surat tercatat dengan nomor agenda ${saved.letter.agenda_number}.`);
      location.hash = saved.letter.case_id ? `#pengaduan/${saved.letter.case_id}` : `#suratmasuk/surat/${saved.letter.id}`;
    },
  });
  // The complaint part shows for a complaint, request or suggestion, filled from the letter.
  const value = (name) => formEl.querySelector(`[name=${name}]`);
  const syncComplaint = () => {
    const opens = value('kind').value && value('kind').value !== 'lainnya';
    formEl.querySelector('#letter-complaint').hidden = !opens;
    const anonymous = value('identity').value === 'anonymous';
    for (const name of ['complainant_name', 'phone', 'email', 'address']) {
      formEl.querySelector(`[data-field=${name}]`).hidden = anonymous;
    }
    if (opens && !value('complainant_name').value) value('complainant_name').value = value('sender_name').value;
    if (opens && !value('address').value) value('address').value = value('sender_address').value;
    if (opens && !value('summary').value) value('summary').value = value('subject').value;
  };
  formEl.addEventListener('change', syncComplaint);
  syncComplaint();
  panel.append(h('section', { class: 'card narrow-form' }, h('h2', {}, 'Catat surat masuk'), formEl));
  focusFirst(formEl);
}

export function attachmentList(attachments) {
  if (!attachments.length) return h('p', { class: 'muted' }, 'Tidak ada berkas pindaian.');
  return h('ul', { class: 'plain', id: 'attachments' }, attachments.map((a) => h('li', {},
    // A confidential complainant's scans are listed for others but not opened (the core refuses).
    a.withheld
      ? h('span', { title: 'Identitas pelapor dirahasiakan' }, a.original_name)
      : h('button', { type: 'button', class: 'link', dataset: { attachment: a.id }, onclick: async () => {
        try { await api.attachmentOpen(a.id); } catch (error) { toast(messageOf(error), 'error'); }
      } }, a.original_name),
    h('span', { class: 'muted small' }, ` ${a.kind_label}, ${a.size_label}${a.withheld ? ' · dirahasiakan' : ''}`))));
}

async function renderLetter(main, id) {
  const file = await api.letter(id);
  const l = file.letter;
  const reload = () => { clear(main); renderLetter(main, id); };
  main.append(h('p', {}, h('a', { href: '#suratmasuk' }, '← Buku agenda')),
    h('div', { class: 'page-head' }, h('h1', {}, `Agenda ${l.agenda_number}`),
      h('div', { class: 'head-actions' },
        documentButtons({ idPrefix: 'sheet-a4', viewLabel: 'Lembar disposisi (A4)', saveLabel: 'Simpan…',
          make: (path) => api.dispositionSheetPdf(l.id, false, path), defaultName: () => `lembar-disposisi-${l.agenda_number}.pdf` }),
        documentButtons({ idPrefix: 'sheet-half', viewLabel: 'Lembar disposisi (½ folio)', saveLabel: 'Simpan…',
          make: (path) => api.dispositionSheetPdf(l.id, true, path), defaultName: () => `lembar-disposisi-${l.agenda_number}-setengah-folio.pdf` }))));
  const facts = h('dl', { class: 'facts', id: 'letter-facts' },
    h('dt', {}, 'Pengirim'), h('dd', { id: 'letter-sender' }, l.sender_name,
      l.sender_address ? h('div', { class: 'muted small' }, l.sender_address) : null,
      l.sender_confidential && l.sender_name !== '(identitas dirahasiakan)'
        ? h('div', { class: 'warn-text small' }, 'Identitas pengirim dirahasiakan: hanya untuk yang menangani pengaduannya.') : null),
    h('dt', {}, 'Nomor / tanggal surat'), h('dd', {}, `${l.letter_number} · ${l.letter_date_label}`),
    h('dt', {}, 'Diterima'), h('dd', {}, l.received_label,
      l.counted_later ? h('div', { class: 'muted small' }, `Dihitung diterima ${l.received_date_label} (sesudah jam tutup atau hari libur)`) : null),
    h('dt', {}, 'Perihal'), h('dd', {}, l.subject),
    h('dt', {}, 'Sifat / lampiran'), h('dd', {}, `${l.urgency_label} · ${l.enclosures} lampiran`),
    h('dt', {}, 'Kode klasifikasi'), h('dd', {}, l.classification_code || '—'),
    h('dt', {}, 'Pengaduan'), h('dd', {}, l.case_id
      ? h('a', { href: `#pengaduan/${l.case_id}`, id: 'letter-case' }, l.case_reg_number)
      : session.can('record_cases')
        ? h('a', { href: `#pengaduan/baru?surat=${l.id}`, id: 'letter-make-case' }, 'Catat sebagai pengaduan')
        : '—'));
  const scans = h('section', { class: 'card' }, h('h2', {}, 'Berkas pindaian'), attachmentList(file.attachments));
  if (session.can('record_letters')) {
    scans.append(h('button', { type: 'button', onclick: async () => {
      for (const path of await api.pickScans('Tambah berkas pindaian')) {
        try { await api.attachmentAdd(l.id, null, path); } catch (error) { toast(messageOf(error), 'error'); }
      }
      reload();
    } }, 'Tambah berkas…'));
  }
  main.append(h('div', { class: 'grid-2' }, h('section', { class: 'card' }, h('h2', {}, 'Surat'), facts), scans),
    await dispositionSection(file.dispositions, { letterId: l.id, caseId: l.case_id }, reload));
}
