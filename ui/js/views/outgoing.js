// Surat Keluar: reply drafts waiting for me (paraf or signature) and the drafts I wrote
// (#suratkeluar), the register of signed letters with its printout (#suratkeluar/register),
// and one reply: the draft form, its review path, versions compared word by word, and the
// letter as PDF (#suratkeluar/surat/12).
import * as api from '../api.js';
import { h, clear, toast, messageOf, confirmDialog } from '../dom.js';
import { field, form, focusFirst } from '../forms.js';
import { tabNav } from '../tabs.js';
import { documentButtons } from '../documents.js';
import { listOf } from '../choices.js';
import * as session from '../session.js';
import { instantToTypedWita } from '../format.js';


/** Records a signed letter leaving the office (the dispatch book); its first dispatch answers the case. */
function dispatchDialog(replyId, number, templateCode, onDone) {
  const [nowDate, nowTime] = instantToTypedWita(new Date().toISOString());
  const dialog = h('dialog', { class: 'visit-dialog', id: 'dispatch-dialog' });
  const formEl = form({
    submitLabel: 'Simpan pengiriman', onCancel: () => dialog.close(),
    fields: [
      h('p', { class: 'muted' }, 'Pengiriman pertama mencatat pengaduannya dijawab pada tanggal kirim.'),
      field({ name: 'method', label: 'Cara kirim', kind: 'select', value: 'antar', options: listOf('dispatch_methods') }),
      h('div', { class: 'row-fields' },
        field({ name: 'date', label: 'Tanggal kirim', kind: 'date', required: true, value: nowDate }),
        field({ name: 'time', label: 'Jam (WITA)', maxlength: 5, width: 's', value: nowTime })),
      field({ name: 'carrier', label: 'Dibawa oleh', maxlength: 120, hint: 'Kurir, staf, atau loket pos.' }),
      field({ name: 'receiver', label: 'Diterima oleh', maxlength: 120, hint: 'Bila sudah diketahui; penerima juga menulis namanya pada buku ekspedisi cetak.' }),
      // A referral letter going out refers the case: to which agency.
      templateCode === 'dilimpahkan' ? field({ name: 'referred_to', label: 'Dilimpahkan kepada (instansi)', maxlength: 200,
        hint: 'Pengaduan tercatat dilimpahkan pada tanggal kirim.' }) : null,
      field({ name: 'note', label: 'Catatan', maxlength: 500 }),
    ],
    onSubmit: async (v) => {
      const sent = await api.replyDispatch(replyId, v);
      dialog.close();
      toast(`Surat ${sent.outgoing_number} tercatat dikirim (${sent.method_label}).`);
      onDone(sent);
    },
  });
  dialog.append(h('h2', {}, `Kirim surat ${number}`), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

export async function render(main, sub) {
  const [tab, id] = sub.split('?')[0].split('/');
  if (tab === 'surat' && /^\d+$/.test(id || '')) {
    await renderReply(main, Number(id));
    return;
  }
  const tabs = [['konsep', 'Konsep & paraf'], ['register', 'Register surat keluar']];
  const current = tabs.find(([key]) => key === tab)?.[0] || 'konsep';
  main.append(h('h1', {}, 'Surat Keluar'), tabNav('suratkeluar', tabs, current, 'Bagian surat keluar'));
  const panel = h('div', { class: 'tab-panel' });
  main.append(panel);
  if (current === 'register') await renderRegister(panel);
  else await renderInbox(panel);
}

function replyRow(r, { showAuthor = true } = {}) {
  const open = () => { location.hash = `#suratkeluar/surat/${r.id}`; };
  // A reply to a confidential complainant, listed for someone who may not open it.
  const rowOptions = r.withheld ? { dataset: { reply: r.id }, class: 'withheld' }
    : { tabindex: 0, dataset: { reply: r.id }, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } };
  return h('tr', rowOptions,
    h('td', { class: 'nowrap mono' }, r.case_reg_number),
    h('td', {}, h('div', {}, r.content.subject), h('div', { class: 'muted small' },
      `Kepada ${r.addressee_shown}${r.withheld ? ' · isi hanya untuk yang menangani' : ''}`)),
    showAuthor ? h('td', {}, r.author_name) : null,
    h('td', {}, statusBadge(r)),
    h('td', { class: 'nowrap muted small' }, r.updated_label));
}

function statusBadge(r) {
  const kind = { dikembalikan: 'warn', ditandatangani: 'ok', dibatalkan: 'muted' }[r.status] || '';
  const text = r.status === 'paraf' || r.status === 'siap_tanda_tangan'
    ? `${r.status_label}: ${r.awaiting_name}`
    : r.outgoing_number ? `${r.status_label} · ${r.outgoing_number}` : r.status_label;
  return h('span', { class: `status ${kind}` }, text);
}

function replyTable(id, rows, options) {
  return h('table', { class: 'list clickable', id },
    h('thead', {}, h('tr', {}, h('th', {}, 'Pengaduan'), h('th', {}, 'Hal dan tujuan'),
      options?.showAuthor === false ? null : h('th', {}, 'Penyusun'), h('th', {}, 'Status'), h('th', {}, 'Diubah'))),
    h('tbody', {}, rows.map((r) => replyRow(r, options))));
}

async function renderInbox(panel) {
  const inbox = await api.replyInbox();
  if (!['draft_replies', 'review_replies', 'sign_replies'].some((p) => session.can(p))) {
    panel.append(h('section', { class: 'card', id: 'replies-awaiting' },
      h('p', { class: 'muted' }, 'Peran Anda tidak menyusun, memaraf atau menandatangani surat. Surat yang sudah ditandatangani ada di ',
        h('a', { href: '#suratkeluar/register' }, 'Register surat keluar'), '.')));
    return;
  }
  panel.append(
    h('section', { class: 'card', id: 'replies-awaiting' }, h('h2', {}, `Menunggu paraf atau tanda tangan saya (${inbox.awaiting.length})`),
      inbox.awaiting.length ? replyTable('awaiting-table', inbox.awaiting)
        : h('p', { class: 'muted' }, 'Tidak ada konsep yang menunggu Anda.')),
    h('section', { class: 'card', id: 'replies-mine' }, h('h2', {}, `Konsep yang saya susun (${inbox.authored.length})`),
      inbox.authored.length ? replyTable('mine-table', inbox.authored, { showAuthor: false })
        : h('p', { class: 'muted' }, 'Belum ada konsep. Buat surat balasan dari halaman pengaduan.')));
}

async function renderRegister(panel) {
  const results = h('section', { class: 'card', id: 'outgoing-list' });
  let filter = { from: '', to: '' };
  const show = (list) => {
    clear(results).append(h('div', { class: 'card-head' },
      h('h2', {}, `Surat keluar ${list.from_label} – ${list.to_label} (${list.rows.length})`),
      h('div', { class: 'head-actions' },
        documentButtons({
          idPrefix: 'outgoing-register', viewLabel: 'Cetak register',
          make: (path) => api.outgoingRegisterPdf(filter, path),
          defaultName: () => `register-surat-keluar-${list.from}-${list.to}.pdf`,
        }),
        documentButtons({
          idPrefix: 'dispatch-book', viewLabel: 'Cetak buku ekspedisi',
          make: (path) => api.dispatchBookPdf(filter, path),
          defaultName: () => `buku-ekspedisi-${list.from}-${list.to}.pdf`,
        }))));
    results.append(list.rows.length
      ? h('table', { class: 'list clickable', id: 'outgoing-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'No.'), h('th', {}, 'Nomor surat'), h('th', {}, 'Tanggal'),
          h('th', {}, 'Kepada'), h('th', {}, 'Hal'), h('th', {}, 'Penanda tangan'), h('th', {}, 'Pengaduan'),
          session.can('record_letters') ? h('th', {}, 'Pengiriman') : null)),
        h('tbody', {}, list.rows.map((r) => {
          const open = () => { location.hash = `#suratkeluar/surat/${r.reply_id}`; };
          // The letters desk sends every signed letter out, its addressee's copy printed here
          // (saving a copy is on the letter's own page).
          const send = session.can('record_letters') ? h('td', { class: 'dispatch-cell', onclick: (e) => e.stopPropagation() },
            r.dispatched_label ? h('div', { class: 'small' }, `Dikirim ${r.dispatched_label}`) : h('div', { class: 'small warn-text' }, 'Belum dikirim'),
            h('button', { type: 'button', class: 'link', dataset: { dispatch: r.reply_id }, onclick: () => {
              dispatchDialog(r.reply_id, r.number, r.template_code, async () => show(await api.outgoingLetters(filter)));
            } }, r.dispatched_label ? 'Kirim lagi…' : 'Kirim…'), ' ',
            documentButtons({ idPrefix: `letter-${r.reply_id}`, viewLabel: 'Cetak', saveLabel: null,
              make: (path) => api.replyPdf(r.reply_id, false, path), defaultName: () => '' })) : null;
          return h('tr', { tabindex: 0, dataset: { reply: r.reply_id }, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } },
            h('td', { class: 'mono' }, String(r.sequence)), h('td', { class: 'nowrap mono' }, r.number),
            h('td', { class: 'nowrap' }, r.letter_date_label), h('td', {}, r.addressee), h('td', {}, r.subject),
            h('td', {}, r.signer_name), h('td', { class: 'nowrap mono' }, r.case_reg_number), send);
        })))
      : h('p', { class: 'muted' }, 'Tidak ada surat keluar pada rentang tanggal ini.'));
  };
  const formEl = form({
    submitLabel: 'Tampilkan',
    fields: [h('div', { class: 'row-fields' },
      field({ name: 'from', label: 'Tanggal surat dari', kind: 'date', hint: 'Kosong: awal bulan ini.' }),
      field({ name: 'to', label: 'sampai', kind: 'date', hint: 'Kosong: hari ini.' }))],
    onSubmit: async (v) => { const list = await api.outgoingLetters(v); filter = v; show(list); },
  });
  panel.append(h('section', { class: 'card' }, formEl), results);
  show(await api.outgoingLetters(filter));
}

/** A dialog with one text area (the correction note, the reason to cancel). */
function noteDialog({ id, title, label, submitLabel, save, onDone }) {
  const dialog = h('dialog', { class: 'visit-dialog', id });
  const formEl = form({
    submitLabel, onCancel: () => dialog.close(),
    fields: [field({ name: 'note', label, kind: 'textarea', required: true, maxlength: 2000 })],
    onSubmit: async (v) => { await save(v.note); dialog.close(); onDone(); },
  });
  dialog.append(h('h2', {}, title), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

/** The draft form; resolves the values the core expects. */
function draftForm(file, seen, signers, officials, classifications, onSaved) {
  const c = file.reply.content;
  // A signer or reviewer who has left office stays in the list, marked, so a save names the
  // problem instead of quietly choosing someone else.
  const reviewerOptions = [{ value: '', label: '— tidak ada —' },
    ...officials.map((o) => ({ value: String(o.id), label: `${o.position} — ${o.name}` })),
    ...file.reply.reviewers.filter((rv) => !officials.some((o) => o.id === rv.official_id))
      .map((rv) => ({ value: String(rv.official_id), label: `${rv.position} — ${rv.name} (tidak menjabat lagi)` }))];
  const signerOptions = signers.map((s) => ({ value: String(s.official_id), label: `${s.label} — ${s.name}` }));
  if (!signers.some((s) => s.official_id === c.signer_official_id)) {
    signerOptions.push({ value: String(c.signer_official_id), label: `${file.reply.signer_name} (tidak dapat menandatangani lagi)` });
  }
  const toInput = (v) => ({
    addressee: v.addressee, addressee_address: v.addressee_address, addressee_place: v.addressee_place,
    sifat: v.sifat, enclosures: v.enclosures, subject: v.subject, body: v.body, copies: v.copies,
    classification_code: v.classification_code,
    signer_official_id: v.signer_official_id ? Number(v.signer_official_id) : null,
    reviewer_ids: [v.reviewer1, v.reviewer2, v.reviewer3].map((x) => (x ? Number(x) : null)),
  });
  const reviewer = (n) => field({ name: `reviewer${n}`, label: `Paraf ${n}`, kind: 'select',
    value: c.reviewer_ids[n - 1] ? String(c.reviewer_ids[n - 1]) : '', options: reviewerOptions });
  const formEl = form({
    submitLabel: 'Simpan konsep',
    fields: [
      field({ name: 'addressee', label: 'Kepada (Yth.)', required: true, value: c.addressee, maxlength: 200 }),
      field({ name: 'addressee_address', label: 'Alamat tujuan', kind: 'textarea', value: c.addressee_address, maxlength: 400 }),
      h('div', { class: 'row-fields' },
        field({ name: 'addressee_place', label: 'di (tempat)', value: c.addressee_place, maxlength: 100 }),
        field({ name: 'sifat', label: 'Sifat', kind: 'select', value: c.sifat, options: listOf('urgencies') }),
        field({ name: 'enclosures', label: 'Lampiran (berkas)', value: String(c.enclosures), maxlength: 2, inputmode: 'numeric' })),
      field({ name: 'subject', label: 'Hal', required: true, value: c.subject, maxlength: 300 }),
      field({ name: 'classification_code', label: 'Kode klasifikasi (untuk nomor surat)', kind: 'select', value: c.classification_code,
        options: [{ value: '', label: '— belum dipilih —' }, ...classifications.map((k) => ({ value: k.code, label: `${k.code} — ${k.title}` }))] }),
      field({ name: 'body', label: 'Isi surat', kind: 'textarea', required: true, value: c.body, maxlength: 20000,
        hint: 'Pisahkan paragraf dengan satu baris kosong. Ganti semua teks dalam [kurung siku].' }),
      field({ name: 'copies', label: 'Tembusan (satu per baris)', kind: 'textarea', value: c.copies.join('\n'), maxlength: 2000 }),
      field({ name: 'signer_official_id', label: 'Penanda tangan', kind: 'select', required: true, value: String(c.signer_official_id),
        options: signerOptions }),
      h('div', { class: 'row-fields' }, reviewer(1), reviewer(2), reviewer(3)),
      h('p', { class: 'muted small' }, 'Urutan paraf dari bawah ke atas (mis. Kasubag → Kabid → Sekretaris), paling banyak tiga. Penanda tangan tidak ikut memaraf.'),
    ],
    onSubmit: async (v) => {
      const saved = await api.replySave(file.reply.id, { ...toInput(v), seen });
      toast(saved.reply.version === file.reply.version ? 'Tidak ada perubahan.' : `Konsep tersimpan (versi ${saved.reply.version}).`);
      onSaved(saved);
    },
  });
  formEl.querySelector('[name=body]').rows = 14;
  formEl.id = 'reply-form';
  return formEl;
}

function readOnlyContent(r) {
  const c = r.content;
  return h('div', { class: 'letter-preview', id: 'reply-content' },
    h('dl', { class: 'facts' },
      h('dt', {}, 'Kepada'), h('dd', {}, `Yth. ${c.addressee}`, c.addressee_address ? h('div', { class: 'prewrap muted' }, c.addressee_address) : null,
        h('div', { class: 'muted' }, `di ${c.addressee_place || 'Tempat'}`)),
      h('dt', {}, 'Sifat / lampiran'), h('dd', {}, `${r.sifat_label} · ${c.enclosures ? `${c.enclosures} berkas` : '-'}`),
      h('dt', {}, 'Kode klasifikasi'), h('dd', {}, c.classification_code || '—'),
      h('dt', {}, 'Hal'), h('dd', {}, c.subject),
      h('dt', {}, 'Penanda tangan'), h('dd', {}, `${r.signer_label} — ${r.signer_name}`)),
    h('div', { class: 'letter-body prewrap' }, c.body),
    c.copies.length ? h('div', {}, h('strong', {}, 'Tembusan:'), h('ol', {}, c.copies.map((x) => h('li', {}, x)))) : null);
}

function reviewPath(file) {
  const r = file.reply;
  const steps = r.reviewers.map((rv) => {
    const current = r.status === 'paraf' && r.awaiting_official_id === rv.official_id;
    const mark = rv.initialled ? '✓ diparaf' : current ? 'giliran sekarang' : 'menunggu';
    return h('li', { class: rv.initialled ? 'done' : current ? 'current' : '', dataset: { step: rv.step } },
      h('strong', {}, `Paraf ${rv.step}: `), `${rv.position} — ${rv.name}`, h('span', { class: 'muted small' }, ` (${mark})`));
  });
  const signing = r.status === 'siap_tanda_tangan';
  steps.push(h('li', { class: r.status === 'ditandatangani' ? 'done' : signing ? 'current' : '' },
    h('strong', {}, 'Tanda tangan: '), `${r.signer_label} — ${r.signer_name}`,
    h('span', { class: 'muted small' }, r.status === 'ditandatangani' ? ` (✓ ${r.letter_date_label})` : signing ? ' (giliran sekarang)' : '')));
  return h('ol', { class: 'review-path', id: 'review-path' }, steps);
}

async function renderReply(main, id) {
  // The revision first, then the draft: a change made between the two is then caught at
  // save, not overwritten.
  const seen = await api.revision('reply', id).catch(() => null);
  const file = await api.replyFile(id);
  const r = file.reply;
  const reload = () => { clear(main); renderReply(main, id).catch((e) => toast(messageOf(e), 'error')); };
  const act = async (button, run, done) => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      const result = await run();
      if (done) toast(done(result));
      window.dispatchEvent(new Event('loket-replies-changed'));
      reload();
    } catch (e) { toast(messageOf(e), 'error'); button.disabled = false; }
  };
  const signed = r.status === 'ditandatangani';
  const docs = signed
    ? [documentButtons({ idPrefix: 'reply-pdf', viewLabel: 'Lihat surat', make: (path) => api.replyPdf(id, false, path),
      defaultName: () => `surat-${(r.outgoing_number || '').replace(/[^A-Za-z0-9-]+/g, '-')}.pdf` }),
    documentButtons({ idPrefix: 'reply-archive', viewLabel: 'Lihat arsip (dengan paraf)', saveLabel: 'Simpan arsip…',
      make: (path) => api.replyPdf(id, true, path),
      defaultName: () => `arsip-${(r.outgoing_number || '').replace(/[^A-Za-z0-9-]+/g, '-')}.pdf` })]
    : r.status === 'dibatalkan' ? []
      : [documentButtons({ idPrefix: 'reply-pdf', viewLabel: 'Lihat konsep', make: (path) => api.replyPdf(id, false, path),
        defaultName: () => `konsep-${r.case_reg_number}-v${r.version}.pdf` })];
  main.append(h('p', {}, h('a', { href: '#suratkeluar' }, '← Surat Keluar'), ' · ',
    h('a', { href: `#pengaduan/${r.case_id}` }, `Pengaduan ${r.case_reg_number}`)),
  h('div', { class: 'page-head' },
    h('h1', { id: 'reply-title' }, signed ? `Surat ${r.outgoing_number}` : `Konsep surat balasan — ${r.case_reg_number}`),
    h('div', { class: 'head-actions' }, ...docs)),
  h('p', { id: 'reply-status' }, statusBadge(r), h('span', { class: 'muted small' }, ` · versi ${r.version} · penyusun ${r.author_name}`)));
  if (file.return_note) {
    main.append(h('div', { class: 'banner warn', id: 'return-note', role: 'status' },
      h('strong', {}, 'Dikembalikan untuk perbaikan: '), file.return_note));
  }

  const left = h('section', { class: 'card' });
  if (file.can_edit) {
    const [signers, officials, classifications] = await Promise.all([api.replySigners(), api.officials(), api.classificationCodes()]);
    const formEl = draftForm(file, seen, signers, officials.filter((o) => o.active), classifications.filter((k) => k.active), reload);
    left.append(h('h2', {}, 'Konsep'), formEl);
    focusFirst(formEl);
  } else {
    left.append(h('h2', {}, signed ? 'Isi surat' : 'Konsep'), readOnlyContent(r));
  }

  const actions = h('div', { class: 'actions', id: 'reply-actions' });
  if (file.can_submit) {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'reply-submit', onclick: (e) => {
      if (document.getElementById('reply-form')?.isDirty()) {
        toast('Ada perubahan yang belum disimpan: tekan "Simpan konsep" dulu, lalu ajukan.', 'error');
        return;
      }
      act(e.target, () => api.replySubmit(id), (f) => (f.reply.status === 'paraf'
        ? `Diajukan; menunggu paraf ${f.reply.awaiting_name}.` : `Diajukan; menunggu tanda tangan ${f.reply.awaiting_name}.`));
    } }, r.reviewers.length ? 'Ajukan untuk paraf' : 'Ajukan untuk tanda tangan'));
  }
  if (file.can_dispatch) {
    actions.append(h('button', { type: 'button', class: file.dispatches.length ? '' : 'primary', id: 'reply-dispatch',
      onclick: () => dispatchDialog(id, r.outgoing_number, r.template_code, () => reload()) }, file.dispatches.length ? 'Catat pengiriman lagi…' : 'Catat pengiriman…'));
  }
  if (file.dispatches.length) {
    main.append(h('div', { class: 'banner ok', id: 'reply-dispatched' }, file.dispatches.map((d) => h('div', {},
      `Dikirim ${d.dispatched_label} (${d.method_label})`, d.carrier ? `, dibawa ${d.carrier}` : '',
      d.receiver ? `, diterima ${d.receiver}` : '', '.'))));
  }
  if (file.can_initial) {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'reply-initial', onclick: (e) => act(e.target,
      () => api.replyInitial(id), () => 'Konsep diparaf.') }, 'Paraf'));
  }
  if (file.can_sign) {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'reply-sign', onclick: async (e) => {
      const button = e.target;
      if (!(await confirmDialog('Tandatangani surat ini? Nomor surat keluar diambil sekarang dan isi surat tidak dapat diubah lagi.', 'Tandatangani'))) return;
      act(button, () => api.replySign(id), (f) => `Ditandatangani. Nomor surat: ${f.reply.outgoing_number}. Cetak surat untuk tanda tangan basah.`);
    } }, 'Tanda tangani'));
  }
  if (file.can_return) {
    actions.append(h('button', { type: 'button', id: 'reply-return', onclick: () => noteDialog({
      id: 'reply-return-dialog', title: 'Kembalikan untuk perbaikan', label: 'Catatan perbaikan untuk penyusun',
      submitLabel: 'Kembalikan', save: (note) => api.replyReturn(id, note),
      onDone: () => { toast('Konsep dikembalikan kepada penyusun.'); window.dispatchEvent(new Event('loket-replies-changed')); reload(); },
    }) }, 'Kembalikan dengan catatan'));
  }
  if (file.can_withdraw) {
    actions.append(h('button', { type: 'button', id: 'reply-withdraw', onclick: async (e) => {
      const button = e.target;
      if (!(await confirmDialog('Tarik kembali konsep ini dari jalur paraf? Paraf yang sudah diberikan tidak berlaku lagi dan konsep perlu diajukan ulang.', 'Tarik kembali'))) return;
      act(button, () => api.replyWithdraw(id), () => 'Konsep ditarik kembali; ubah lalu ajukan ulang.');
    } }, 'Tarik kembali'));
  }
  if (file.can_cancel) {
    actions.append(h('button', { type: 'button', id: 'reply-cancel', onclick: () => noteDialog({
      id: 'reply-cancel-dialog', title: 'Batalkan konsep', label: 'Alasan pembatalan',
      submitLabel: 'Batalkan konsep', save: (note) => api.replyCancel(id, note), onDone: () => { toast('Konsep dibatalkan.'); reload(); },
    }) }, 'Batalkan konsep'));
  }

  const path = h('section', { class: 'card', id: 'reply-review' }, h('h2', {}, 'Jalur paraf dan tanda tangan'), reviewPath(file), actions);
  const trail = h('section', { class: 'card' }, h('h2', {}, 'Riwayat'),
    h('ol', { class: 'plain', id: 'reply-trail' }, file.trail.map((t) => h('li', {},
      h('span', { class: 'muted small' }, `${t.at_label} · v${t.version} · `),
      `${t.action_label}${t.official_name ? ` — ${t.official_name}` : ` — ${t.account_name}`}`,
      t.note ? h('div', { class: 'prewrap small' }, `“${t.note}”`) : null))));
  main.append(h('div', { class: 'grid-2' }, left, h('div', { class: 'stack' }, path, versionsCard(file), trail)));
}

function versionsCard(file) {
  const versions = file.versions;
  const card = h('section', { class: 'card', id: 'reply-versions' }, h('h2', {}, `Versi (${versions.length})`),
    h('ul', { class: 'plain' }, versions.map((v) => h('li', {}, h('strong', {}, `v${v.version}`), ` ${v.saved_label} · ${v.saved_by}`))));
  if (versions.length < 2) return card;
  const options = versions.map((v) => ({ value: String(v.version), label: `versi ${v.version}` }));
  const result = h('div', { class: 'diff', id: 'reply-diff', 'aria-live': 'polite' });
  const formEl = form({
    submitLabel: 'Bandingkan',
    fields: [h('div', { class: 'row-fields' },
      field({ name: 'a', label: 'Versi lama', kind: 'select', value: options[1].value, options, width: 's' }),
      field({ name: 'b', label: 'Versi baru', kind: 'select', value: options[0].value, options, width: 's' }))],
    onSubmit: async (v) => {
      const cmp = await api.replyCompare(file.reply.id, Number(v.a), Number(v.b));
      clear(result).append(h('p', { class: 'muted small' }, `Perubahan dari versi ${cmp.older} ke versi ${cmp.newer}: `,
        h('ins', {}, 'ditambah'), ' · ', h('del', {}, 'dihapus')),
      h('div', { class: 'prewrap changes' }, cmp.pieces.map((p) => (p.kind === 'added' ? h('ins', {}, p.text)
        : p.kind === 'removed' ? h('del', {}, p.text) : p.text))));
    },
  });
  card.append(formEl, result);
  return card;
}

/** On a case's page: its replies, and a new one from a template. */
export async function replySection(caseFile, canDraft) {
  // A confidential complainant's letter is drafted only by those the core lets know them.
  const hidden = caseFile.case.identity === 'confidential' && !caseFile.confidential_complainant;
  canDraft = canDraft && !hidden;
  const section = h('section', { class: 'card', id: 'case-replies' });
  section.append(h('div', { class: 'card-head' }, h('h2', {}, 'Surat balasan'),
    canDraft ? h('button', { type: 'button', id: 'reply-new', onclick: () => newReplyDialog(caseFile.case.id) }, 'Buat surat balasan…') : null));
  section.append(caseFile.replies.length ? replyTable('case-replies-table', caseFile.replies)
    : h('p', { class: 'muted' }, 'Belum ada surat balasan.'));
  return section;
}

async function newReplyDialog(caseId) {
  const templates = (await api.replyTemplates()).filter((t) => t.active);
  const dialog = h('dialog', { class: 'visit-dialog', id: 'reply-new-dialog' });
  const formEl = form({
    submitLabel: 'Buat konsep', onCancel: () => dialog.close(),
    fields: [field({ name: 'template', label: 'Templat', kind: 'select', value: templates[0]?.code || '',
      options: templates.map((t) => ({ value: t.code, label: t.name })) }),
    h('p', { class: 'muted small' }, 'Konsep diisi dari data pengaduan; periksa dan lengkapi sebelum diajukan.')],
    onSubmit: async (v) => {
      const file = await api.replyCreate(caseId, v.template);
      dialog.close();
      location.hash = `#suratkeluar/surat/${file.reply.id}`;
    },
  });
  dialog.append(h('h2', {}, 'Buat surat balasan'), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

