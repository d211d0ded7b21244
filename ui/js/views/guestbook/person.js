// One visitor: their stored data (masked), every visit, and for the admin the duties of the
// personal-data law: export everything stored (PDF) and correct it on request.
import * as api from '../../api.js';
import { h, clear, toast, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import { documentButtons } from '../../documents.js';
import * as session from '../../session.js';
import { listOf } from '../../choices.js';
import { openVisit } from './visit-dialog.js';

export async function render(main, personId) {
  // The revision before the data it belongs to (see the correction form).
  const seen = await api.revision('person', personId).catch(() => null);
  const history = await api.personHistory(personId);
  const p = history.person;
  const card = h('section', { class: 'card' });
  const visits = h('section', { class: 'card' });
  main.append(h('p', {}, h('a', { href: '#bukutamu/cari' }, '← Cari kunjungan')),
    h('h1', {}, p.name), h('div', { class: 'grid-2 person' }, card, visits));

  const idLine = h('span', { class: 'mono', id: 'person-id-number' }, `${p.id_type_label} ${p.id_number_masked || '-'}`);
  const reveal = session.can('reveal_nik') && p.id_number_masked && !p.anonymised
    ? h('button', { type: 'button', class: 'link', id: 'person-reveal', onclick: async () => {
      try {
        idLine.textContent = `${p.id_type_label} ${await api.revealIdNumber(p.id)}`;
        reveal.remove();
      } catch (error) { toast(messageOf(error), 'error'); }
    } }, 'Tampilkan lengkap (tercatat di jejak audit)') : null;
  card.append(h('h2', {}, 'Data tamu'));
  if (p.anonymised) card.append(h('p', { class: 'banner warn' }, 'Data pribadi tamu ini sudah dianonimkan sesuai masa simpan.'));
  card.append(
    h('dl', { class: 'facts' },
      h('dt', {}, 'Tanda pengenal'), h('dd', {}, idLine, ' ', reveal),
      h('dt', {}, 'Telepon'), h('dd', {}, p.phone || '-'),
      h('dt', {}, 'Email'), h('dd', {}, p.email || '-'),
      h('dt', {}, 'Alamat'), h('dd', {}, p.address || '-'),
      h('dt', {}, 'Instansi'), h('dd', {}, p.institution || '-'),
      h('dt', {}, 'Kunjungan'), h('dd', {}, String(p.visit_count))));
  if (session.can('manage_personal_data') && !p.anonymised) {
    card.append(h('div', { class: 'subsection' }, h('h3', {}, 'Permintaan pemilik data (UU 27/2022)'),
      h('p', { class: 'muted small' }, 'Ekspor berisi NIK lengkap; setiap ekspor dan koreksi tercatat di jejak audit.'),
      documentButtons({ idPrefix: 'person-export', viewLabel: 'Ekspor data (lihat)', make: (path) => api.personExportPdf(p.id, path),
        defaultName: () => `data-pribadi-${p.id}.pdf` }),
      ' ', h('button', { type: 'button', id: 'person-correct', onclick: () => correct() }, 'Koreksi data')));
  }

  function correct() {
    const formEl = form({
      submitLabel: 'Simpan koreksi',
      fields: [
        field({ name: 'name', label: 'Nama', required: true, value: p.name, maxlength: 120 }),
        h('div', { class: 'row-fields' },
          field({ name: 'id_type', label: 'Tanda pengenal', kind: 'select', value: p.id_type, options: listOf('id_types'), width: 's' }),
          field({ name: 'id_number', label: 'Nomor', value: p.id_number_masked, maxlength: 40, hint: 'Biarkan bertanda * bila tidak diubah.' })),
        h('div', { class: 'row-fields' },
          field({ name: 'phone', label: 'Telepon', value: p.phone, maxlength: 32 }),
          field({ name: 'email', label: 'Email', value: p.email, maxlength: 120 })),
        field({ name: 'address', label: 'Alamat', required: true, value: p.address, maxlength: 300 }),
        field({ name: 'institution', label: 'Instansi', value: p.institution, maxlength: 150 }),
      ],
      onCancel: () => formEl.remove(),
      onSubmit: async (v) => {
        await api.personCorrect(p.id, { person_id: p.id, ...v, seen });
        toast('Koreksi data tersimpan dan tercatat di jejak audit.');
        clear(main);
        await render(main, personId);
      },
    });
    card.append(formEl);
    focusFirst(formEl);
  }

  visits.append(h('h2', {}, `Riwayat kunjungan (${history.visits.length})`),
    h('table', { class: 'list clickable', id: 'person-visits' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Tanggal'), h('th', {}, 'Keperluan'), h('th', {}, 'Diarahkan ke'), h('th', {}, 'Hasil'))),
      h('tbody', {}, history.visits.map((v) => h('tr', { tabindex: 0, onclick: () => openVisit(v.id), onkeydown: (e) => { if (e.key === 'Enter') openVisit(v.id); } },
        h('td', { class: 'nowrap' }, v.visit_date_label, h('div', { class: 'muted small' }, `${v.time_in_label}${v.time_out_label ? `–${v.time_out_label}` : ''}`)),
        h('td', {}, v.purpose_category_label, h('div', { class: 'muted small clip' }, v.purpose)),
        h('td', {}, v.routed_to || '-'),
        h('td', {}, v.outcome_label || '-'))))));
}
