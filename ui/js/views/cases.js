// Pengaduan: every case on every channel. #pengaduan (list with filters, also opened from the
// dashboard's numbers: ?due=overdue, ?official=3), #pengaduan/baru (register; ?surat=12 from
// a letter), #pengaduan/12 (the whole story of one case, and what can be done with it).
import * as api from '../api.js';
import { h, clear, toast, messageOf } from '../dom.js';
import { field, form, focusFirst } from '../forms.js';
import { instantToTypedWita, isoToLong, todayTyped } from '../format.js';
import { tabNav } from '../tabs.js';
import { documentButtons } from '../documents.js';
import * as session from '../session.js';
import { dispositionSection } from './cases/dispositions.js';
import { attachmentList } from './letters.js';
import { replySection } from './outgoing.js';
import { listOf } from '../choices.js';

const DUE = { today: 'jatuh tempo hari ini', overdue: 'lewat batas waktu', soon: 'jatuh tempo dalam 2 hari kerja' };

/** "hari ini", "kemarin", "5 hari lalu": how long since an instant, in WITA days. */
function daysAgo(instant) {
  const day = (iso) => Math.floor((Date.parse(iso) + 8 * 3600 * 1000) / 86400000);
  const days = day(new Date().toISOString()) - day(instant);
  return days <= 0 ? 'hari ini' : days === 1 ? 'kemarin' : `${days} hari lalu`;
}

export async function render(main, sub) {
  const [path, query = ''] = sub.split('?');
  const params = new URLSearchParams(query);
  const [tab] = path.split('/');
  if (/^\d+$/.test(tab)) {
    await renderCase(main, Number(tab));
    return;
  }
  const tabs = [['daftar', 'Daftar pengaduan']];
  if (session.can('record_cases')) tabs.push(['baru', 'Catat pengaduan']);
  const current = tabs.find(([key]) => key === tab)?.[0] || 'daftar';
  main.append(h('h1', {}, 'Pengaduan'), tabNav('pengaduan', tabs, current, 'Bagian pengaduan'));
  const panel = h('div', { class: 'tab-panel' });
  main.append(panel);
  if (current === 'baru') await renderForm(panel, params);
  else await renderList(panel, params);
}

function caseRow(c) {
  const open = () => { location.hash = `#pengaduan/${c.id}`; };
  const late = c.overdue; // judged by the core on the office's WITA date
  return h('tr', { tabindex: 0, dataset: { case: c.id }, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } },
    h('td', { class: 'nowrap mono' }, c.reg_number),
    h('td', { class: 'nowrap' }, c.received_label.split(' pukul')[0]),
    h('td', {}, c.channel_label),
    h('td', {}, h('div', {}, c.complainant), h('div', { class: 'muted small clip' }, c.summary)),
    h('td', { class: late ? 'warn-text nowrap' : 'nowrap' }, c.due_label),
    h('td', {}, c.status_label, h('div', { class: 'muted small' },
      c.last_contact_at ? `kontak ${daysAgo(c.last_contact_at)}` : `belum dihubungi, diterima ${daysAgo(c.received_at)}`)));
}

async function renderList(panel, params) {
  const channels = await api.channels();
  const results = h('section', { class: 'card', id: 'case-list' });
  const show = (list, caption) => {
    clear(results).append(h('h2', {}, `${caption} (${list.total})`));
    results.append(list.cases.length
      ? h('table', { class: 'list clickable', id: 'cases' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Nomor'), h('th', {}, 'Diterima'), h('th', {}, 'Saluran'),
          h('th', {}, 'Pelapor dan uraian'), h('th', {}, 'Batas waktu'), h('th', {}, 'Status'))),
        h('tbody', {}, list.cases.map(caseRow)))
      : h('p', { class: 'muted' }, 'Tidak ada pengaduan yang cocok.'));
  };
  const today = params.get('today') ? todayTyped() : '';
  const preset = {
    from: today, to: today, channel: params.get('channel') || '', status: params.get('status') || '',
    due: params.get('due') || '', official_id: params.get('official') ? Number(params.get('official')) : null,
  };
  const formEl = form({
    submitLabel: 'Tampilkan',
    fields: [h('div', { class: 'row-fields' },
      field({ name: 'from', label: 'Diterima dari', kind: 'date', value: preset.from }),
      field({ name: 'to', label: 'sampai', kind: 'date', value: preset.to }),
      field({ name: 'channel', label: 'Saluran', kind: 'select', value: preset.channel,
        options: [{ value: '', label: 'Semua' }, ...channels.map((c) => ({ value: c.code, label: c.name }))] }),
      field({ name: 'status', label: 'Status', kind: 'select', value: preset.status, options: listOf('case_statuses', { value: '', label: 'Semua' }, { value: 'open', label: 'Belum dijawab' }) }))],
    onSubmit: async (v) => show(await api.cases({ ...v, due: '', official_id: null }), 'Pengaduan'),
  });
  panel.append(h('section', { class: 'card' }, formEl), results);
  const caption = preset.due ? `Pengaduan ${DUE[preset.due] || ''}` : preset.official_id ? 'Pengaduan pada pejabat' : 'Pengaduan';
  show(await api.cases(preset), caption);
}

function personFields() {
  return [
    field({ name: 'name', label: 'Nama pelapor', maxlength: 120 }),
    h('div', { class: 'row-fields' },
      field({ name: 'phone', label: 'Telepon/WhatsApp', maxlength: 32, inputmode: 'tel' }),
      field({ name: 'email', label: 'Email', maxlength: 120 }),
      field({ name: 'institution', label: 'Instansi', maxlength: 150 })),
    field({ name: 'address', label: 'Alamat', maxlength: 300, hint: 'Boleh kosong bila tidak diketahui.' }),
  ];
}

async function renderForm(panel, params) {
  const letterId = params.get('surat') ? Number(params.get('surat')) : null;
  const letter = letterId ? (await api.letter(letterId)).letter : null;
  // Counter cases open from the guest book; letter cases from the letter's page.
  const channels = (await api.channels()).filter((c) => c.code !== 'counter' && (c.code !== 'letter' || letter));
  let openings = await api.boxOpenings();
  const openingOptions = () => [{ value: '', label: '— pilih pembukaan kotak —' },
    ...openings.map((o) => ({ value: String(o.id), label: `${o.opened_label} · ${o.slips} lembar · ${o.cases} tercatat` }))];
  const toInput = (v) => ({
    channel: v.channel, kind: v.kind, identity: v.identity,
    person: v.identity === 'anonymous' ? null : {
      person_id: null, name: v.name, id_type: 'lainnya', id_number: '', phone: v.phone,
      email: v.email, address: v.address, institution: v.institution,
    },
    summary: v.summary, received_date: v.received_date, received_time: v.received_time,
    letter_id: letter ? letter.id : null, lapor_tracking_id: v.lapor_tracking_id || '',
    box_opening_id: v.channel === 'suggestion_box' && v.box_opening_id ? Number(v.box_opening_id) : null,
  });
  // A case from a letter was received when the letter was; otherwise now, as typed.
  const [receivedDate, receivedTime] = instantToTypedWita(letter ? letter.received_at : new Date().toISOString());
  const formEl = form({
    submitLabel: 'Simpan pengaduan',
    fields: [
      h('div', { class: 'row-fields' },
        field({ name: 'channel', label: 'Saluran', kind: 'select', value: letter ? 'letter' : 'whatsapp',
          options: channels.map((c) => ({ value: c.code, label: c.name })), width: 's' }),
        field({ name: 'kind', label: 'Jenis', kind: 'select', value: 'pengaduan', options: listOf('case_kinds'), width: 's' }),
        field({ name: 'identity', label: 'Identitas pelapor', kind: 'select', value: 'named', options: listOf('identities'), width: 's' })),
      letter ? h('p', { class: 'banner ok', id: 'case-letter' }, `Dari surat masuk agenda ${letter.agenda_number}: ${letter.subject}`) : null,
      ...personFields(),
      field({ name: 'summary', label: 'Uraian pengaduan', kind: 'textarea', required: true, maxlength: 4000,
        value: letter ? letter.subject : '' }),
      h('div', { class: 'row-fields', id: 'box-opening-row' },
        field({ name: 'box_opening_id', label: 'Pembukaan kotak saran', kind: 'select', value: openings[0] ? String(openings[0].id) : '',
          options: openingOptions(), hint: 'Dihitung diterima pada hari kotak dibuka.' }),
        h('button', { type: 'button', id: 'box-open', onclick: () => openBoxDialog(async (opened) => {
          openings = await api.boxOpenings();
          const select = formEl.querySelector('[name=box_opening_id]');
          select.replaceChildren(...openingOptions().map((o) => h('option', { value: o.value }, o.label)));
          select.value = String(opened.id);
        }) }, 'Catat pembukaan kotak…')),
      h('div', { class: 'row-fields', id: 'received-row' },
        field({ name: 'received_date', label: 'Tanggal diterima', kind: 'date', value: receivedDate }),
        field({ name: 'received_time', label: 'Jam (WITA)', maxlength: 5, width: 's', value: receivedTime }),
        field({ name: 'lapor_tracking_id', label: 'Tracking ID SP4N-LAPOR', maxlength: 40 })),
    ].filter(Boolean),
    check: (v) => api.caseCheck(toInput(v)),
    onSubmit: async (v) => {
      const saved = await api.caseRegister(toInput(v));
      toast(`Pengaduan tercatat: ${saved.reg_number}, batas waktu ${saved.due_label}.`);
      location.hash = `#pengaduan/${saved.id}`;
    },
  });
  const sync = () => {
    const identity = formEl.querySelector('[name=identity]').value;
    const channel = formEl.querySelector('[name=channel]').value;
    for (const name of ['name', 'phone', 'email', 'institution', 'address']) {
      formEl.querySelector(`[data-field=${name}]`).hidden = identity === 'anonymous';
    }
    formEl.querySelector('[data-field=lapor_tracking_id]').hidden = channel !== 'lapor';
    // A letter counts from its arrival, the box from its opening: no date typed again.
    formEl.querySelector('#box-opening-row').hidden = channel !== 'suggestion_box';
    for (const name of ['received_date', 'received_time']) {
      formEl.querySelector(`[data-field=${name}]`).hidden = channel === 'suggestion_box' || channel === 'letter';
    }
  };
  formEl.addEventListener('change', sync);
  sync();
  panel.append(h('section', { class: 'card narrow-form' }, h('h2', {}, 'Catat pengaduan'), formEl));
  focusFirst(formEl);
}

/** Records an opening of the suggestion box: when, how many slips, who witnessed it. */
function openBoxDialog(onDone) {
  const [nowDate, nowTime] = instantToTypedWita(new Date().toISOString());
  actionDialog('Pembukaan kotak saran', [
    h('div', { class: 'row-fields' },
      field({ name: 'date', label: 'Tanggal dibuka', kind: 'date', required: true, value: nowDate }),
      field({ name: 'time', label: 'Jam (WITA)', maxlength: 5, width: 's', value: nowTime })),
    field({ name: 'slips', label: 'Jumlah lembar di dalam kotak', required: true, maxlength: 3, inputmode: 'numeric', width: 'xs' }),
    field({ name: 'witness', label: 'Disaksikan oleh', maxlength: 120 }),
    field({ name: 'note', label: 'Catatan', maxlength: 500 }),
  ], 'Simpan pembukaan', async (v) => onDone(await api.boxOpeningRecord(v)), () => {});
}

function actionDialog(title, fields, submitLabel, save, onDone) {
  const dialog = h('dialog', { class: 'visit-dialog', id: 'case-action-dialog' });
  const formEl = form({
    submitLabel, fields: fields.filter(Boolean), onCancel: () => dialog.close(),
    onSubmit: async (v) => { await save(v); dialog.close(); onDone(); },
  });
  dialog.append(h('h2', {}, title), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

async function renderCase(main, id) {
  const file = await api.caseFile(id);
  const c = file.case;
  const reload = () => { clear(main); renderCase(main, id).catch((e) => toast(messageOf(e), 'error')); };
  main.append(h('p', {}, h('a', { href: '#pengaduan' }, '← Daftar pengaduan')),
    h('div', { class: 'page-head' }, h('h1', { id: 'case-number' }, c.reg_number),
      h('div', { class: 'head-actions' }, documentButtons({
        idPrefix: 'receipt', viewLabel: 'Cetak tanda terima',
        make: (path) => api.caseReceiptPdf(c.id, path), defaultName: () => `tanda-terima-${c.reg_number}.pdf`,
      }))));
  const facts = h('dl', { class: 'facts', id: 'case-facts' },
    h('dt', {}, 'Status'), h('dd', { id: 'case-status' }, h('strong', {}, c.status_label),
      c.on_time === false ? h('span', { class: 'warn-text' }, ' · melewati batas waktu') : null,
      c.on_time === true ? h('span', { class: 'ok-text' }, ' · tepat waktu') : null),
    h('dt', {}, 'Saluran / jenis'), h('dd', {}, `${c.channel_label} · ${c.kind_label}`),
    h('dt', {}, 'Pelapor'), h('dd', { id: 'case-complainant' }, c.complainant, c.person_id && c.identity === 'named'
      ? h('a', { href: `#bukutamu/orang/${c.person_id}`, class: 'small' }, ' (riwayat)') : null,
      file.complainant ? complainantContact(file.complainant) : null,
      file.confidential_complainant ? confidentialComplainant(file.confidential_complainant) : null),
    h('dt', {}, 'Diterima'), h('dd', {}, c.received_label),
    h('dt', {}, 'Batas waktu'), h('dd', { id: 'case-due' }, c.due_label, c.due_source === 'agreed' ? ' (disepakati di loket)' : ''),
    h('dt', {}, 'Uraian'), h('dd', { class: 'prewrap' }, c.summary),
    c.lapor_tracking_id ? [h('dt', {}, 'Tracking ID LAPOR'), h('dd', {},
      // Shown for copying into SP4N-LAPOR; Loket opens nothing outside.
      h('input', { class: 'mono copyable', id: 'lapor-id', readonly: true, value: c.lapor_tracking_id,
        'aria-label': 'Tracking ID SP4N-LAPOR', onfocus: (e) => e.target.select() }),
      ' ', h('button', { type: 'button', class: 'link', onclick: () => {
        const input = document.getElementById('lapor-id');
        input.select();
        document.execCommand('copy');
        toast('Tracking ID disalin.');
      } }, 'Salin'))] : null,
    file.letter ? [h('dt', {}, 'Surat masuk'), h('dd', {}, h('a', { href: `#suratmasuk/surat/${file.letter.id}` },
      `Agenda ${file.letter.agenda_number} — ${file.letter.subject}`))] : null,
    c.visit_id ? [h('dt', {}, 'Kunjungan'), h('dd', {}, 'Dibuka dari Buku Tamu (tindak lanjut pada tanggal yang disepakati)',
      c.person_id ? h('div', {}, h('a', { href: `#bukutamu/orang/${c.person_id}` }, 'Riwayat kunjungan pelapor')) : null)] : null,
    c.answered_at ? [h('dt', {}, 'Dijawab'), h('dd', { id: 'case-answer' },
      `${isoToLong(c.answered_at)}, ${c.answered_via_label} oleh ${c.answered_by_name}${c.answer_note ? ` — ${c.answer_note}` : ''}`)] : null,
    c.referred_to ? [h('dt', {}, 'Dilimpahkan kepada'), h('dd', {}, c.referred_to)] : null);

  const actions = h('div', { class: 'actions', id: 'case-actions' });
  if (session.can('handle_cases')) {
    const next = c.next_statuses.map((s) => s.code);
    if (next.includes('dalam_penanganan')) {
      actions.append(h('button', { type: 'button', id: 'case-in-hand', onclick: async () => {
        try { await api.caseStatus(c.id, 'dalam_penanganan', ''); reload(); } catch (e) { toast(messageOf(e), 'error'); }
      } }, 'Mulai ditangani'));
    }
    if (next.includes('dijawab')) {
      actions.append(h('button', { type: 'button', class: 'primary', id: 'case-answer-open', onclick: async () => {
        const officials = (await api.officials()).filter((o) => o.active);
        // A letter is answered by its reply's dispatch (Surat Keluar), not by hand.
        const letterCase = c.channel === 'letter';
        actionDialog('Catat jawaban', [
          letterCase ? h('p', { class: 'muted' }, 'Jawaban berupa surat tercatat otomatis saat surat balasan dikirim (Surat Keluar). Di sini: jawaban lewat telepon, tatap muka dan sebagainya.') : null,
          field({ name: 'via', label: 'Disampaikan melalui', kind: 'select', value: letterCase ? 'telepon' : 'surat',
            options: listOf('answer_via').filter((o) => !letterCase || o.value !== 'surat') }),
          field({ name: 'answered_date', label: 'Tanggal dijawab', kind: 'date', required: true, value: todayTyped() }),
          field({ name: 'official_id', label: 'Dijawab oleh', kind: 'select', value: '',
            options: [{ value: '', label: '— pilih pejabat —' }, ...officials.map((o) => ({ value: String(o.id), label: `${o.position} — ${o.name}` }))] }),
          field({ name: 'note', label: 'Isi singkat jawaban', kind: 'textarea', maxlength: 2000 }),
        ], 'Simpan jawaban', (v) => api.caseAnswer(c.id, { ...v, official_id: v.official_id ? Number(v.official_id) : null }), reload);
      } }, 'Catat jawaban'));
    }
    if (next.includes('dilimpahkan')) {
      actions.append(h('button', { type: 'button', id: 'case-refer-open', onclick: () => actionDialog('Limpahkan ke instansi lain', [
        field({ name: 'agency', label: 'Dilimpahkan kepada', required: true, maxlength: 200 }),
      ], 'Limpahkan', (v) => api.caseRefer(c.id, v.agency), reload) }, 'Limpahkan'));
    }
    if (next.includes('selesai')) {
      actions.append(h('button', { type: 'button', id: 'case-close', onclick: async () => {
        try { await api.caseStatus(c.id, 'selesai', ''); reload(); } catch (e) { toast(messageOf(e), 'error'); }
      } }, 'Tandai selesai'));
    }
  }
  if (session.can('reopen_cases') && ['dijawab', 'selesai', 'dilimpahkan'].includes(c.status)) {
    actions.append(h('button', { type: 'button', id: 'case-reopen', onclick: () => actionDialog('Buka kembali pengaduan', [
      h('p', { class: 'muted' }, 'Untuk jawaban atau pelimpahan yang tercatat keliru. Riwayat tetap menyimpan keduanya.'),
      field({ name: 'reason', label: 'Alasan membuka kembali', kind: 'textarea', required: true, maxlength: 1000 }),
    ], 'Buka kembali', (v) => api.caseReopen(c.id, v.reason), reload) }, 'Buka kembali…'));
  }
  const story = h('section', { class: 'card' }, h('h2', {}, 'Riwayat status'),
    h('ol', { class: 'plain', id: 'case-events' }, file.events.map((e) => h('li', {},
      h('span', { class: 'muted small' }, `${e.at_label} · ${e.account_name}: `),
      e.from_label ? `${e.from_label} → ${e.to_label}` : e.to_label, e.note ? ` — ${e.note}` : ''))));
  const scans = h('section', { class: 'card' }, h('h2', {}, 'Berkas pindaian'), attachmentList(file.attachments));
  if (session.can('record_cases')) {
    scans.append(h('button', { type: 'button', onclick: async () => {
      for (const path of await api.pickScans('Tambah berkas pindaian')) {
        try { await api.attachmentAdd(null, c.id, path); } catch (error) { toast(messageOf(error), 'error'); }
      }
      reload();
    } }, 'Tambah berkas…'));
  }
  const contacts = h('section', { class: 'card', id: 'case-contacts' }, h('h2', {}, 'Kontak dengan pelapor'),
    file.contacts.length
      ? h('ol', { class: 'plain' }, file.contacts.map((k) => h('li', {},
        h('span', { class: 'muted small' }, `${k.at_label} · ${k.method_label} · ${k.account_name}: `), k.summary)))
      : h('p', { class: 'muted' }, 'Belum ada kontak tercatat.'));
  if (file.can_log_contact) {
    contacts.append(h('button', { type: 'button', id: 'contact-add', onclick: () => {
      const [nowDate, nowTime] = instantToTypedWita(new Date().toISOString());
      actionDialog('Catat kontak dengan pelapor', [
        field({ name: 'method', label: 'Melalui', kind: 'select', value: 'telepon', options: listOf('contact_methods') }),
        h('div', { class: 'row-fields' },
          field({ name: 'date', label: 'Tanggal', kind: 'date', value: nowDate }),
          field({ name: 'time', label: 'Jam (WITA)', maxlength: 5, width: 's', value: nowTime })),
        field({ name: 'summary', label: 'Yang disampaikan', kind: 'textarea', required: true, maxlength: 2000 }),
      ], 'Simpan kontak', (v) => api.caseContactAdd(c.id, v), reload);
    } }, 'Catat kontak…'));
  }
  const extra = [];
  if (file.visits.length) {
    extra.push(h('section', { class: 'card', id: 'case-visits' }, h('h2', {}, 'Kunjungan di loket'),
      h('ol', { class: 'plain' }, file.visits.map((v) => h('li', {},
        `${v.visit_date_label}, ${v.time_in_label} — ${v.follows_case_id ? 'datang kembali untuk tindak lanjut' : 'kunjungan pertama'}`,
        v.outcome_label ? h('span', { class: 'muted small' }, ` · ${v.outcome_label}`) : null)))));
  }
  if (file.dispatches.length) {
    extra.push(h('section', { class: 'card', id: 'case-dispatches' }, h('h2', {}, 'Pengiriman surat balasan'),
      h('ol', { class: 'plain' }, file.dispatches.map((d) => h('li', {},
        `${d.outgoing_number} · ${d.dispatched_label} · ${d.method_label}`,
        d.carrier ? ` · dibawa ${d.carrier}` : '', d.receiver ? ` · diterima ${d.receiver}` : '')))));
  }
  main.append(h('div', { class: 'grid-2' },
    h('section', { class: 'card' }, h('h2', {}, 'Pengaduan'), facts, actions), h('div', { class: 'stack' }, story, contacts, scans, ...extra)),
  await dispositionSection(file.dispositions, { letterId: c.letter_id, caseId: c.id }, reload),
  await replySection(file, session.can('draft_replies')));
}

/** How to reach a named complainant (to keep them informed). */
function complainantContact(p) {
  const lines = [p.phone, p.email, p.address].filter(Boolean);
  return lines.length ? h('div', { class: 'muted small', id: 'case-complainant-contact' }, lines.join(' · ')) : null;
}

/** The complainant who asked for confidentiality, for those the core lets know them. */
function confidentialComplainant(p) {
  return h('div', { class: 'confidential', id: 'confidential-complainant' },
    h('div', { class: 'warn-text small' }, 'Hanya untuk yang menangani pengaduan ini; jangan disebut di luar.'),
    h('div', {}, h('strong', {}, p.name)),
    p.id_number_masked ? h('div', { class: 'small' }, `${p.id_type_label} ${p.id_number_masked}`) : null,
    p.phone ? h('div', { class: 'small' }, p.phone) : null,
    p.email ? h('div', { class: 'small' }, p.email) : null,
    p.address ? h('div', { class: 'small' }, p.address) : null,
    h('a', { href: `#bukutamu/orang/${p.id}`, class: 'small' }, 'Data pelapor'));
}
