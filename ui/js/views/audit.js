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
    // A cut (not a chain whose hashes no longer link) can be accepted once its cause is known.
    if (check.cut_off && check.first_broken == null) {
      checkBox.append(session.can('accept_audit_end') ? acceptEnd()
        : h('p', { class: 'small' }, 'Hanya Admin yang dapat menindaklanjuti temuan ini. Beri tahu Admin kantor.'));
    }
  };
  // One check or acceptance at a time (a second click is ignored); a live redraw waits
  // while one runs.
  let running = false;
  const busy = async (work) => {
    if (running) return;
    running = true;
    verifyButton.disabled = true;
    checkBox.setAttribute('aria-busy', 'true');
    try { await work(); } catch (error) { toast(messageOf(error), 'error'); } finally {
      running = false;
      verifyButton.disabled = false;
      checkBox.removeAttribute('aria-busy');
    }
  };

  function acceptEnd() {
    const button = h('button', { type: 'button', id: 'audit-accept-end', onclick: () => busy(async () => {
      button.disabled = true;
      // Decided on the trail as it is now, not on a check from hours ago.
      const check = await api.auditVerify();
      showCheck(check, 'Pemeriksaan barusan');
      if (!check.cut_off || check.first_broken != null || !check.end) return;
      const sure = await confirmDialog(`Jadikan entri terakhir saat ini, nomor ${check.end.id} (${check.entries} entri), acuan baru di komputer ini? `
        + 'Entri yang hilang tidak kembali. Penerimaan ini tercatat di jejak audit atas nama Anda, bersama nomor entri yang sebelumnya menjadi acuan.', 'Terima');
      if (!sure) return;
      const after = await api.auditAcceptEnd(check.end);
      checkBox.replaceChildren(h('div', { class: after.intact ? 'banner warn' : 'banner error', role: 'status' },
        `Acuan baru tercatat di jejak audit. Pemeriksaan sesudahnya: ${after.message} `
        + 'Entri yang hilang hanya kembali lewat pemulihan cadangan.'));
      toast('Entri terakhir diterima sebagai acuan baru komputer ini.');
      // The list below, with the filter as typed; a filter in error says so beside its field.
      filterForm.requestSubmit();
    }) }, 'Jadikan acuan baru…');
    return h('div', { class: 'accept-end' },
      h('p', { class: 'small' }, 'Entri yang hilang hanya kembali lewat pemulihan cadangan (Pengaturan › Cadangan). Bila penyebabnya sudah diperiksa '
        + 'dan jejak tidak dipulihkan, Admin dapat menjadikan entri terakhir saat ini acuan baru komputer ini; '
        + 'pemeriksaan berikutnya berpatokan pada acuan itu, dan penerimaannya tercatat di jejak audit.'),
      button);
  }

  showCheck(await api.auditStartupCheck(), 'Pemeriksaan saat Loket dibuka');
  const verifyButton = h('button', { type: 'button', id: 'audit-verify', onclick: () => busy(async () => {
    checkBox.replaceChildren(h('div', { class: 'banner' }, 'Memeriksa rantai jejak audit…'));
    showCheck(await api.auditVerify(), 'Pemeriksaan barusan');
  }) }, 'Periksa jejak audit');

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
