// One visit in a dialog: who came and why, where they were sent, the meeting clock, the
// outcome, and leaving (with the ID card returned, or kept with a reason).
import * as api from '../../api.js';
import { h, clear, toast, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import { todayTyped } from '../../format.js';
import * as session from '../../session.js';
import { listOf } from '../../choices.js';


export async function openVisit(id, onChanged) {
  if (document.getElementById('visit-dialog')) return; // a double click opens it once
  const dialog = h('dialog', { class: 'visit-dialog', id: 'visit-dialog', 'aria-labelledby': 'visit-dialog-title' });
  document.body.append(dialog);
  let changed = false;
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (changed) onChanged?.();
  });
  let officials = [];
  const recording = session.can('record_visits');
  // The official the visitor was sent to records the meeting and its outcome himself.
  const meeting = recording || session.can('meet_visitors');

  async function refresh(visit) {
    const v = visit || await api.visit(id);
    render(v);
  }

  const saved = async (promise, message) => {
    const v = await promise;
    changed = true;
    toast(message(v));
    render(v);
  };

  function render(v) {
    clear(dialog);
    const idLine = h('span', { class: 'mono', id: 'visit-id-number' }, `${v.id_type_label} ${v.id_number_masked}`);
    const reveal = session.can('reveal_nik') && v.id_number_masked
      ? h('button', { type: 'button', class: 'link', id: 'reveal-nik', onclick: async () => {
        try {
          idLine.textContent = `${v.id_type_label} ${await api.revealIdNumber(v.person_id)}`;
          reveal.remove();
        } catch (error) { toast(messageOf(error), 'error'); }
      } }, 'Tampilkan lengkap (tercatat di jejak audit)')
      : null;
    dialog.append(
      h('div', { class: 'dialog-head' },
        h('h2', { id: 'visit-dialog-title' }, v.name),
        h('button', { type: 'button', class: 'close', 'aria-label': 'Tutup', onclick: () => dialog.close() }, '×')),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Tanda pengenal'), h('dd', {}, idLine, ' ', reveal),
        h('dt', {}, 'Telepon'), h('dd', {}, v.phone || '-'),
        h('dt', {}, 'Alamat'), h('dd', {}, v.address || '-'),
        v.institution ? [h('dt', {}, 'Instansi'), h('dd', {}, v.institution)] : null,
        h('dt', {}, 'Keperluan'), h('dd', {}, `${v.purpose_category_label}: ${v.purpose}`, v.companions ? ` (+${v.companions} pengikut)` : ''),
        h('dt', {}, 'Waktu'), h('dd', {}, `${v.visit_date_label}, masuk ${v.time_in_label}`, v.time_out_label ? `, keluar ${v.time_out_label}` : ' — masih di dalam gedung'),
        v.deposit ? [h('dt', {}, 'Kartu dititipkan'), h('dd', { id: 'visit-deposit' }, depositText(v.deposit))] : null,
        v.routed_to ? [h('dt', {}, 'Diarahkan ke'), h('dd', {}, `${v.routed_to} (ditanyakan kepada ${v.asked_level_label})`)] : null,
        v.meeting_started_label ? [h('dt', {}, 'Mulai bertemu'), h('dd', {}, v.meeting_started_label)] : null,
        v.follows_case_reg_number ? [h('dt', {}, 'Tindak lanjut'), h('dd', {}, session.can('view_cases')
          ? h('a', { href: `#pengaduan/${v.follows_case_id}`, onclick: () => dialog.close() }, v.follows_case_reg_number)
          : v.follows_case_reg_number)] : null,
        v.outcome ? [h('dt', {}, 'Hasil'), h('dd', { id: 'visit-outcome' }, v.outcome_label,
          v.answer_within_target === false ? h('span', { class: 'warn-text' }, ' — melewati target') : null,
          v.longer_reason ? h('div', { class: 'muted small' }, `Disepakati lebih lama: ${v.longer_reason}`) : null,
          v.outcome_note ? h('div', { class: 'muted small' }, v.outcome_note) : null,
          v.case_id && session.can('view_cases')
            ? h('div', {}, h('a', { href: `#pengaduan/${v.case_id}`, id: 'visit-case', onclick: () => dialog.close() }, 'Buka pengaduan tindak lanjutnya'))
            : null)] : null),
    );
    if (recording && v.in_building && !v.outcome) dialog.append(routeSection(v));
    if (meeting && v.in_building && v.routed_to && !v.meeting_started_at && !v.outcome) dialog.append(meetingSection(v));
    if (meeting && !v.outcome && (recording || v.routed_to)) dialog.append(outcomeSection(v));
    if (recording && v.in_building) dialog.append(checkOutSection(v));
    dialog.append(h('div', { class: 'dialog-foot' },
      h('a', { href: `#bukutamu/orang/${v.person_id}`, onclick: () => dialog.close() }, 'Riwayat kunjungan tamu ini'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Tutup')));
  }

  function depositText(d) {
    if (d.returned_at) return `${d.card_type_label} di tempat ${d.slot}; dikembalikan pukul ${d.returned_label} kepada ${d.returned_to}`;
    return `${d.card_type_label} di tempat ${d.slot}, disimpan ${d.held_label}${d.held_reason ? ` — ${d.held_reason}` : ''}`;
  }

  function routeSection(v) {
    if (!officials.length) {
      return h('section', { class: 'subsection' }, h('h3', {}, 'Arahkan ke pejabat'),
        h('p', { class: 'banner warn' }, 'Belum ada pejabat aktif. Admin menambahkannya di Pengaturan → Pejabat.'));
    }
    const formEl = form({
      submitLabel: v.routed_to ? 'Ubah tujuan' : 'Simpan tujuan',
      fields: [h('div', { class: 'row-fields' },
        field({ name: 'asked_level', label: 'Ditanyakan kepada', kind: 'select', value: v.asked_level || 'kabid', options: listOf('asked_levels') }),
        field({ name: 'official_id', label: 'Tamu diarahkan ke', kind: 'select', value: String(v.routed_official_id || officials[0].id),
          options: officials.map((o) => ({ value: String(o.id), label: `${o.position} — ${o.name}` })) }))],
      onSubmit: (x) => saved(api.visitRoute(v.id, { asked_level: x.asked_level, official_id: Number(x.official_id) }),
        (r) => `${r.name} diarahkan ke ${r.routed_to}.`),
    });
    formEl.querySelector('button[type=submit]').id = 'route-save';
    if (!v.routed_to) focusFirst(formEl);
    return h('section', { class: 'subsection' }, h('h3', {}, 'Arahkan ke pejabat'), formEl);
  }

  function meetingSection(v) {
    const button = h('button', { type: 'button', class: 'primary', id: 'start-meeting', onclick: async () => {
      button.disabled = true;
      try {
        await saved(api.visitStartMeeting(v.id), (r) => `Pertemuan dimulai pukul ${r.meeting_started_label}.`);
      } catch (error) { toast(messageOf(error), 'error'); button.disabled = false; }
    } }, 'Mulai pertemuan');
    return h('section', { class: 'subsection' }, h('h3', {}, 'Pertemuan'),
      h('p', { class: 'muted' }, `Jawaban di tempat ditargetkan paling lama ${v.answer_target_minutes} menit sejak tamu diarahkan ke pejabat, atau sesuai kebutuhan bila disepakati dengan tamu.`), button);
  }

  function outcomeSection(v) {
    const formEl = form({
      submitLabel: 'Simpan hasil',
      fields: [
        field({ name: 'outcome', label: 'Hasil', kind: 'select', value: v.routed_to ? 'answered' : 'follow_up', options: listOf('visit_outcomes') }),
        field({ name: 'longer_reason', label: 'Perlu lebih lama (sesuai kebutuhan)', maxlength: 300,
          hint: `Isi alasannya bila jawaban perlu lebih dari ${v.answer_target_minutes} menit dan sudah disepakati dengan tamu; tidak dihitung terlambat.` }),
        field({ name: 'agreed_date', label: 'Tanggal yang disepakati', kind: 'date', required: true, value: '', hint: `Hari kerja; hari ini ${todayTyped()}.` }),
        field({ name: 'referred_agency', label: 'Instansi rujukan', required: true, maxlength: 200 }),
        field({ name: 'note', label: 'Catatan', maxlength: 1000 }),
      ],
      onSubmit: (x) => saved(api.visitOutcome(v.id, x), (r) => `Hasil dicatat: ${r.outcome_label}.`),
    });
    formEl.querySelector('button[type=submit]').id = 'outcome-save';
    const select = formEl.querySelector('[name=outcome]');
    const show = () => {
      formEl.querySelector('[data-field=agreed_date]').hidden = select.value !== 'follow_up';
      formEl.querySelector('[data-field=referred_agency]').hidden = select.value !== 'referred';
      formEl.querySelector('[data-field=longer_reason]').hidden = select.value !== 'answered';
    };
    select.addEventListener('change', show);
    show();
    return h('section', { class: 'subsection' }, h('h3', {}, 'Hasil kunjungan'), formEl);
  }

  function checkOutSection(v) {
    const held = v.deposit && !v.deposit.returned_at;
    const returnForm = form({
      submitLabel: held ? `Kembalikan ${v.deposit.card_type_label} dan catat keluar` : 'Catat keluar',
      fields: held ? [field({ name: 'returned_to', label: 'Kartu diterima oleh', value: v.name, maxlength: 120 })] : [],
      onSubmit: (x) => saved(api.visitCheckOut(v.id, { return_card: true, returned_to: x.returned_to || '', keep_reason: '' }),
        (r) => `${r.name} keluar pukul ${r.time_out_label}.`),
    });
    returnForm.querySelector('button[type=submit]').id = 'checkout-save';
    const section = h('section', { class: 'subsection' }, h('h3', {}, 'Keluar'), returnForm);
    if (held) {
      section.append(h('details', {}, h('summary', {}, 'Tamu pergi tanpa mengambil kartunya'),
        form({
          submitLabel: 'Catat keluar, kartu tetap disimpan',
          fields: [field({ name: 'keep_reason', label: 'Alasan kartu masih disimpan', required: true, maxlength: 500 })],
          onSubmit: (x) => saved(api.visitCheckOut(v.id, { return_card: false, returned_to: '', keep_reason: x.keep_reason }),
            (r) => `${r.name} keluar; kartunya tetap disimpan.`),
        })));
    }
    return section;
  }

  try {
    officials = (await api.officials()).filter((o) => o.active);
    await refresh();
    dialog.showModal();
  } catch (error) {
    dialog.remove();
    toast(messageOf(error), 'error');
  }
}
