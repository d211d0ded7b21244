// Jejak Audit: who changed what and when, filtered by date, account, action and record; and
// the check that walks the hash chain.
import * as api from '../api.js';
import { h, clear, confirmDialog, messageOf, toast } from '../dom.js';
import { field, form } from '../forms.js';
import { instantToWita } from '../format.js';
import * as session from '../session.js';

const EMPTY_FILTER = { from: '', to: '', account: '', action: '', entity: '', entity_id: '' };

export async function render(main) {
  main.append(h('h1', {}, 'Jejak Audit'));
  const checkBox = h('div', { id: 'audit-check', 'aria-live': 'polite' });
  const showCheck = (check, when) => {
    if (!check) return;
    checkBox.replaceChildren(h('div', { class: check.intact ? 'banner' : 'banner error', role: check.intact ? null : 'alert' },
      `${when}: ${check.message}`));
    // A cut (not an entry changed in the middle) can be accepted once its cause is known.
    if (check.cut_off && check.first_broken == null && session.can('accept_audit_end')) checkBox.append(acceptEnd());
  };

  function acceptEnd() {
    const button = h('button', { type: 'button', id: 'audit-accept-end', onclick: async () => {
      const sure = await confirmDialog('Jadikan ujung jejak audit saat ini acuan baru di komputer ini? Entri yang hilang tidak kembali; '
        + 'penerimaan ini tercatat di jejak audit atas nama Anda, beserta entri yang dipegang sebelumnya.', 'Terima');
      if (!sure) return;
      button.disabled = true;
      try {
        showCheck(await api.auditAcceptEnd(), 'Setelah diterima');
        toast('Ujung jejak audit diterima sebagai acuan baru komputer ini.');
        show(await api.auditSearch(EMPTY_FILTER));
      } catch (error) {
        toast(messageOf(error), 'error');
        button.disabled = false;
      }
    } }, 'Terima ujung jejak saat ini…');
    return h('div', { class: 'accept-end' },
      h('p', { class: 'small' }, 'Periksa dulu penyebabnya: misalnya cadangan dipulihkan di komputer lain, atau berkas penanda ikut hilang '
        + 'ketika folder data dipindah. Bila penyebabnya sudah jelas, Admin dapat menjadikan ujung jejak saat ini acuan baru komputer ini; '
        + 'pemeriksaan berikutnya memegang ujung yang baru.'),
      button);
  }
  showCheck(await api.auditStartupCheck(), 'Pemeriksaan saat Loket dibuka');
  const verifyButton = h('button', { type: 'button', id: 'audit-verify', onclick: async () => {
    verifyButton.disabled = true;
    checkBox.replaceChildren(h('div', { class: 'banner' }, 'Memeriksa rantai jejak audit…'));
    try { showCheck(await api.auditVerify(), 'Pemeriksaan barusan'); } finally { verifyButton.disabled = false; }
  } }, 'Periksa jejak audit');

  const results = h('div', {});
  const filterForm = form({
    submitLabel: 'Tampilkan',
    fields: [h('div', { class: 'row-fields' },
      field({ name: 'from', label: 'Dari tanggal', kind: 'date' }),
      field({ name: 'to', label: 'Sampai tanggal', kind: 'date' }),
      field({ name: 'account', label: 'Akun', maxlength: 64 }),
      field({ name: 'action', label: 'Tindakan (awalan)', maxlength: 64, placeholder: 'mis. official' }),
      field({ name: 'entity_id', label: 'Nomor data', maxlength: 64 }))],
    onSubmit: async (v) => show(await api.auditSearch({ ...v, entity: '' })),
  });

  function show(entries) {
    clear(results).append(h('p', { class: 'muted small' }, `${entries.length} entri (paling banyak 500; persempit saringan untuk yang lebih lama).`),
      h('table', { class: 'list', id: 'audit-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'No.'), h('th', {}, 'Waktu (WITA)'), h('th', {}, 'Akun'), h('th', {}, 'Tindakan'), h('th', {}, 'Data'), h('th', {}, 'Perubahan'))),
        h('tbody', {}, entries.map((e) => h('tr', {},
          h('td', { class: 'num' }, String(e.id)), h('td', { class: 'nowrap' }, instantToWita(e.at)), h('td', {}, e.account_name),
          h('td', { class: 'mono' }, e.action), h('td', {}, `${e.entity} ${e.entity_id}`),
          h('td', {}, h('pre', { class: 'changes' }, JSON.stringify(e.changes, null, 1))))))));
  }

  main.append(h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Keutuhan'), verifyButton), checkBox),
    h('section', { class: 'card' }, h('h2', {}, 'Saring'), filterForm, results));
  show(await api.auditSearch(EMPTY_FILTER));
}
