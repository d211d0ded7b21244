// Today at the counter: the visit form (returning visitors found as you type), the ID cards
// still held, who is still in the building and who has left.
import * as api from '../../api.js';
import { h, clear, toast, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import { documentButtons } from '../../documents.js';
import * as session from '../../session.js';
import { attachLookup } from './lookup.js';
import { openVisit } from './visit-dialog.js';
import { closeDayDialog } from './closing.js';
import { listOf } from '../../choices.js';


/** Tells the frame how many cards are held (for the badge in the menu). */
export function announceHeld(count) {
  window.dispatchEvent(new CustomEvent('loket-held-changed', { detail: count }));
}

function nextFreeSlot(held) {
  const taken = new Set(held.map((c) => c.slot.toLowerCase()));
  for (let n = 1; n < 1000; n += 1) if (!taken.has(String(n))) return String(n);
  return '';
}

export async function render(panel) {
  const recording = session.can('record_visits');
  const head = h('div', { class: 'page-head' });
  const notice = h('div', { id: 'visit-saved', 'aria-live': 'polite' });
  const formCard = h('section', { class: 'card', id: 'visit-form-card' });
  const heldCard = h('section', { class: 'card', id: 'held-card' });
  const inCard = h('section', { class: 'card' });
  const doneCard = h('section', { class: 'card' });
  const lists = h('div', { class: 'stack' }, heldCard, inCard, doneCard);
  panel.append(head, recording ? h('div', { class: 'grid-2 counter' }, h('div', {}, notice, formCard), lists) : lists);
  let data;
  let timer;

  async function reload() {
    data = await api.guestbookToday();
    announceHeld(data.held_cards.length);
    renderHead();
    renderHeld();
    renderInBuilding();
    renderDone();
    clearInterval(timer);
    // Running meeting clocks tick while the screen is open. Only their text changes, so a
    // row the receptionist is on keeps its focus.
    timer = setInterval(() => {
      if (!panel.isConnected) { clearInterval(timer); return; }
      for (const span of inCard.querySelectorAll('.meeting-clock')) {
        const visit = data.in_building.find((v) => String(v.id) === span.dataset.visit);
        if (visit) updateClock(span, visit);
      }
    }, 30000);
  }

  function renderHead() {
    clear(head).append(
      h('h2', { class: 'day-title', id: 'guestbook-date' }, data.date_label),
      h('div', { class: 'head-actions' },
        h('span', { class: 'muted small' }, 'Buku tamu hari ini: '),
        documentButtons({
          idPrefix: 'register-pdf', viewLabel: 'Cetak (lihat)',
          // The day on screen, even if the screen was left open past midnight.
          make: (path) => api.guestbookRegisterPdf(data.date.split('-').reverse().join('/'), path),
          defaultName: () => `buku-tamu-${data.date.replaceAll('-', '')}.pdf`,
        }),
        recording ? h('button', { type: 'button', id: 'close-day', onclick: () => closeDayDialog(data.held_cards.length, reload) }, 'Tutup hari') : null));
  }

  function renderHeld() {
    const cards = data.held_cards;
    clear(heldCard).append(h('h2', {}, `Kartu identitas masih disimpan (${cards.length})`));
    if (!cards.length) {
      heldCard.append(h('p', { class: 'muted', id: 'held-empty' }, 'Tidak ada kartu identitas yang disimpan.'));
      return;
    }
    heldCard.append(h('table', { class: 'list', id: 'held-cards' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Tempat'), h('th', {}, 'Pemilik dan kartu'), h('th', {}, 'Disimpan'), h('th', {}, ''))),
      h('tbody', {}, cards.map((card) => h('tr', { dataset: { visit: card.visit_id }, class: card.held_minutes > 480 ? 'overdue' : '' },
        h('td', { class: 'slot' }, card.slot),
        h('td', {}, h('div', {}, card.name),
          h('div', { class: 'muted small mono' }, `${card.card_type_label} ${card.id_number_masked}`),
          card.held_reason ? h('div', { class: 'muted small' }, `Alasan: ${card.held_reason}`) : null,
          card.visitor_in_building ? null : h('div', { class: 'small warn-text' }, 'Pemilik sudah keluar')),
        h('td', { class: 'nowrap' }, `sejak ${card.deposited_label}`, h('div', { class: 'muted small' }, card.held_label)),
        h('td', { class: 'actions-cell' }, recording ? returnButton(card) : null))))));
  }

  function returnButton(card) {
    if (card.visitor_in_building) {
      return h('button', { type: 'button', class: 'checkout', dataset: { checkout: card.visit_id },
        title: 'Kembalikan kartu dan catat tamu keluar', onclick: (e) => checkOut(e.currentTarget, card.visit_id) }, 'Keluar');
    }
    return h('button', { type: 'button', dataset: { return: card.visit_id }, onclick: () => returnDialog(card) }, 'Kembalikan');
  }

  /** The owner left without the card: who collects it later is asked and recorded. */
  function returnDialog(card) {
    if (document.getElementById('card-return-dialog')) return;
    const dialog = h('dialog', { class: 'visit-dialog', id: 'card-return-dialog' });
    const formEl = form({
      submitLabel: 'Kembalikan kartu',
      fields: [field({ name: 'returned_to', label: 'Diterima oleh', required: true, maxlength: 120, value: card.name,
        hint: 'Pemilik kartu, atau nama orang yang mengambilkan (mis. anggota keluarga).' })],
      onCancel: () => dialog.close(),
      cancelLabel: 'Batal',
      onSubmit: async (v) => {
        await api.cardReturn(card.visit_id, v.returned_to);
        dialog.close();
        toast(`${card.card_type_label} ${card.name} dikembalikan kepada ${v.returned_to.trim()}.`);
        try { await reload(); } catch (error) { toast(messageOf(error), 'error'); }
      },
    });
    dialog.append(h('h2', {}, `Kembalikan ${card.card_type_label}`),
      h('p', {}, `${card.card_type_label} ${card.id_number_masked} milik ${card.name}, di tempat ${card.slot}.`), formEl);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    focusFirst(formEl);
  }

  /** Checking out returns the card in the same action. */
  async function checkOut(button, visitId) {
    if (button.disabled) return;
    button.disabled = true;
    try {
      const out = await api.visitCheckOut(visitId, { return_card: true, returned_to: '', keep_reason: '' });
      toast(out.deposit
        ? `${out.name} keluar pukul ${out.time_out_label}; ${out.deposit.card_type_label} dikembalikan.`
        : `${out.name} keluar pukul ${out.time_out_label}.`);
      await reload();
    } catch (error) {
      toast(messageOf(error), 'error');
      button.disabled = false;
    }
  }

  function updateClock(span, v) {
    const minutes = Math.floor((Date.now() - new Date(v.meeting_started_at).getTime()) / 60000);
    const late = minutes > data.target_minutes;
    span.classList.toggle('warn-text', late);
    span.textContent = `Bertemu ${v.routed_name} sejak ${v.meeting_started_label} — ${minutes} menit${late ? `, lewat target ${data.target_minutes} menit` : ''}`;
  }

  function meetingText(v) {
    if (v.outcome) return v.outcome_label;
    if (!v.in_building) return h('span', { class: 'muted' }, 'Hasil tidak dicatat');
    if (v.meeting_started_at) {
      const span = h('span', { class: 'meeting-clock', dataset: { visit: v.id } });
      updateClock(span, v);
      return span;
    }
    if (v.routed_to) return h('span', { title: v.routed_to }, `Diarahkan ke ${v.routed_name}`);
    return h('span', { class: 'muted' }, 'Belum diarahkan');
  }

  function visitRow(v, withAction) {
    const open = () => openVisit(v.id, reload);
    return h('tr', { tabindex: 0, dataset: { visit: v.id }, onclick: (e) => { if (!e.target.closest('button')) open(); },
      onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) open(); } },
    h('td', { class: 'nowrap' }, withAction ? v.time_in_label : `${v.time_in_label}–${v.time_out_label}`),
    h('td', {}, h('div', {}, v.name), v.institution ? h('div', { class: 'muted small' }, v.institution) : null),
    h('td', {}, h('div', {}, v.purpose_category_label), h('div', { class: 'muted small clip' }, v.purpose)),
    h('td', {}, meetingText(v)),
    withAction ? h('td', { class: 'actions-cell' }, recording ? h('button', {
      type: 'button', class: 'checkout', dataset: { checkout: v.id },
      title: v.deposit && !v.deposit.returned_at ? `Catat keluar dan kembalikan ${v.deposit.card_type_label}` : 'Catat keluar',
      onclick: (e) => checkOut(e.currentTarget, v.id),
    }, 'Keluar') : null) : null);
  }

  function renderInBuilding() {
    const visits = data.in_building;
    clear(inCard).append(h('h2', {}, `Di dalam gedung (${visits.length})`));
    inCard.append(visits.length
      ? h('table', { class: 'list clickable', id: 'in-building' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Masuk'), h('th', {}, 'Tamu'), h('th', {}, 'Keperluan'), h('th', {}, 'Status'), h('th', {}, ''))),
        h('tbody', {}, visits.map((v) => visitRow(v, true))))
      : h('p', { class: 'muted', id: 'in-building-empty' }, 'Tidak ada tamu di dalam gedung.'));
  }

  function renderDone() {
    const visits = data.done;
    clear(doneCard).append(h('h2', {}, `Sudah keluar hari ini (${visits.length})`));
    doneCard.append(visits.length
      ? h('table', { class: 'list clickable', id: 'done-today' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Waktu'), h('th', {}, 'Tamu'), h('th', {}, 'Keperluan'), h('th', {}, 'Hasil'))),
        h('tbody', {}, visits.map((v) => visitRow(v, false))))
      : h('p', { class: 'muted' }, 'Belum ada tamu yang keluar hari ini.'));
  }

  function renderForm() {
    const personId = h('input', { type: 'hidden', name: 'person_id', value: '' });
    const picked = h('div', { class: 'picked', id: 'picked-visitor', hidden: true });
    const suggestions = h('ul', { class: 'suggestions', id: 'visitor-suggestions', role: 'listbox', hidden: true });
    const slotDefault = nextFreeSlot(data.held_cards);
    const formEl = form({
      submitLabel: 'Simpan kunjungan',
      fields: [
        personId,
        field({ name: 'name', label: 'Nama', required: true, maxlength: 120, hint: 'Ketik 3 huruf nama, NIK atau nomor telepon untuk mencari tamu lama.' }),
        h('div', { class: 'row-fields' },
          field({ name: 'id_type', label: 'Tanda pengenal', kind: 'select', value: 'ktp', options: listOf('id_types'), width: 's' }),
          field({ name: 'id_number', label: 'Nomor (NIK untuk KTP)', required: true, maxlength: 40, inputmode: 'numeric' })),
        h('div', { class: 'row-fields' },
          field({ name: 'phone', label: 'Telepon/WhatsApp', maxlength: 32, inputmode: 'tel', placeholder: '0812-3456-7890' }),
          field({ name: 'institution', label: 'Instansi', maxlength: 150, placeholder: 'kosongkan bila pribadi' })),
        field({ name: 'address', label: 'Alamat', required: true, maxlength: 300 }),
        h('div', { class: 'row-fields' },
          field({ name: 'purpose_category', label: 'Kategori', kind: 'select', value: 'pengaduan', options: listOf('visit_purposes'), width: 's' }),
          field({ name: 'purpose', label: 'Keperluan', required: true, maxlength: 500 }),
          field({ name: 'companions', label: 'Pengikut', maxlength: 2, inputmode: 'numeric', value: '0', width: 'xxs' })),
        h('div', { class: 'row-fields deposit-row' },
          field({ name: 'deposit_card', label: 'Kartu identitas dititipkan di resepsionis', kind: 'checkbox', value: true }),
          field({ name: 'deposit_slot', label: 'Tempat kartu', required: true, maxlength: 20, value: slotDefault, width: 's', placeholder: 'laci/nomor' })),
      ],
      check: (v) => api.visitCheck(toInput(v)),
      onSubmit: async (v) => {
        const saved = await api.visitRegister(toInput(v));
        // Saved: a fresh form at once, so nothing on screen invites saving it twice even
        // if refreshing the lists below fails.
        showSaved(saved);
        try {
          await reload();
        } catch (error) {
          toast(`Kunjungan tersimpan, tetapi daftar belum diperbarui: ${messageOf(error)}`, 'error');
        }
        renderForm();
      },
    });
    const depositBox = formEl.querySelector('[name=deposit_card]');
    const slotInput = formEl.querySelector('[name=deposit_slot]');
    depositBox.addEventListener('change', () => { slotInput.disabled = !depositBox.checked; });
    formEl.prepend(picked, suggestions);
    attachLookup(formEl, { suggestions, picked, personId });
    // A returning visitor with a follow-up agreed at an earlier visit: this visit belongs to
    // that case (the case file then shows both visits).
    const followUp = h('div', { class: 'field', id: 'follow-up', hidden: true, dataset: { field: 'follows_case_id' } });
    formEl.querySelector('[data-field=purpose_category]').parentElement.before(followUp);
    formEl.addEventListener('visitor-picked', async (event) => {
      clear(followUp);
      followUp.hidden = true;
      if (!event.detail) return;
      const open = await api.openFollowUps(event.detail.id).catch(() => []);
      if (!open.length) return;
      const select = h('select', { name: 'follows_case_id', id: 'f-follows-case' },
        h('option', { value: '' }, 'Bukan — kunjungan baru'),
        ...open.map((f) => h('option', { value: String(f.case_id) }, `Tindak lanjut ${f.reg_number} (disepakati ${f.agreed_label})`)));
      select.value = String(open[0].case_id);
      followUp.append(h('label', { for: 'f-follows-case' }, 'Datang kembali untuk'), select,
        h('div', { class: 'field-error', role: 'alert' }));
      followUp.hidden = false;
    });
    clear(formCard).append(h('h2', {}, 'Tamu baru'), formEl);
    focusFirst(formEl);
  }

  function toInput(v) {
    return {
      person_id: v.person_id ? Number(v.person_id) : null,
      name: v.name, id_type: v.id_type, id_number: v.id_number, phone: v.phone, address: v.address,
      institution: v.institution, purpose_category: v.purpose_category, purpose: v.purpose,
      companions: v.companions, deposit_card: v.deposit_card, deposit_slot: v.deposit_card ? v.deposit_slot : '',
      follows_case_id: v.person_id && v.follows_case_id ? Number(v.follows_case_id) : null,
    };
  }

  function showSaved(saved) {
    const where = saved.deposit ? ` ${saved.deposit.card_type_label} disimpan di tempat ${saved.deposit.slot}.` : '';
    clear(notice).append(h('div', { class: 'banner ok' },
      `Kunjungan ${saved.name} tercatat pukul ${saved.time_in_label}.${where} `,
      h('button', { type: 'button', class: 'link', id: 'open-saved-visit', onclick: () => openVisit(saved.id, reload) }, 'Arahkan ke pejabat'),
      ' · Tamu berikutnya: ketik di kolom Nama.'));
    toast(`Kunjungan ${saved.name} tersimpan.`);
  }

  await reload();
  if (recording) renderForm();
  else if (!data.in_building.length && !data.done.length) {
    lists.prepend(h('p', { class: 'muted' }, 'Belum ada tamu hari ini.'));
  }
}

