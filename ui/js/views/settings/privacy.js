// Data pribadi (UU 27/2022): how long guest-book entries keep the visitor's personal data,
// and the anonymisation that first shows exactly what it will change.
import * as api from '../../api.js';
import { h, clear, toast, confirmDialog, messageOf } from '../../dom.js';
import { field, form } from '../../forms.js';

export async function render(panel) {
  const settingsCard = h('section', { class: 'card narrow' });
  const previewCard = h('section', { class: 'card', id: 'retention-preview' });
  panel.append(h('div', { class: 'grid-2' }, settingsCard, previewCard));

  function showPreview(preview) {
    clear(previewCard).append(h('h2', {}, 'Pratinjau anonimisasi'),
      h('p', {}, `Kunjungan sebelum ${preview.cutoff_label} (lebih dari ${preview.months} bulan): `,
        h('strong', { id: 'retention-counts' }, `${preview.people} orang, ${preview.visits} kunjungan`), '.'),
      h('p', { class: 'muted small' }, 'Yang dihapus: nama, nomor tanda pengenal/NIK, telepon, alamat, uraian keperluan dan nama penerima kartu. ',
        'Yang tetap: tanggal, kategori keperluan, tujuan dan hasil, sehingga jumlah untuk laporan tidak berubah. ',
        'Tamu yang masih di dalam gedung atau kartunya masih disimpan dilewati.'));
    if (!preview.people) {
      previewCard.append(h('p', { class: 'muted' }, 'Tidak ada data yang perlu dianonimkan.'));
      return;
    }
    previewCard.append(h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Nama'), h('th', {}, 'Kunjungan terakhir'))),
      h('tbody', {}, preview.sample.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.last_visit_label))))),
    preview.people > preview.sample.length ? h('p', { class: 'muted small' }, `… dan ${preview.people - preview.sample.length} orang lainnya.`) : null);
    const button = h('button', { type: 'button', class: 'danger', id: 'retention-apply', onclick: async () => {
      if (!(await confirmDialog(`Anonimkan data pribadi ${preview.people} orang (${preview.visits} kunjungan)? Tindakan ini tidak dapat dibatalkan.`, 'Anonimkan'))) return;
      button.disabled = true;
      try {
        const done = await api.retentionApply(preview.cutoff.split('-').reverse().join('/'), preview.people);
        toast(`${done.people} orang dianonimkan; tercatat di jejak audit.`);
        showPreview(await api.retentionPreview());
      } catch (error) {
        toast(messageOf(error), 'error');
        // Someone visited (or the setting changed) since: show what would happen now.
        if (error?.code === 'retention.changed') showPreview(await api.retentionPreview());
        else button.disabled = false;
      }
    } }, 'Anonimkan sekarang');
    previewCard.append(h('div', { class: 'actions' }, button));
  }

  const preview = await api.retentionPreview();
  settingsCard.append(h('h2', {}, 'Masa simpan data tamu'),
    form({
      submitLabel: 'Simpan masa simpan',
      fields: [field({ name: 'months', label: 'Masa simpan (bulan)', required: true, value: String(preview.months), maxlength: 3,
        inputmode: 'numeric', hint: 'Antara 6 dan 120 bulan. Setelah itu data pribadi di buku tamu dianonimkan oleh admin.' })],
      onSubmit: async (v) => {
        showPreview(await api.retentionMonthsSave(v.months));
        toast('Masa simpan tersimpan.');
      },
    }));
  showPreview(preview);
}
