// Cadangan: back up now (save dialog), restore (open dialog), and the folder for the
// automatic daily backup (14 daily and 12 monthly copies kept).
import * as api from '../../api.js';
import { h, clear, toast, confirmDialog, messageOf } from '../../dom.js';

export async function render(panel) {
  const folder = await api.backupFolder();
  const status = h('div', { 'aria-live': 'polite', id: 'backup-status' });
  const busy = (text) => status.replaceChildren(h('div', { class: 'banner' }, text));
  const failed = (error) => status.replaceChildren(h('div', { class: 'banner error', role: 'alert' }, messageOf(error)));
  const folderText = h('span', { id: 'backup-folder' }, folder || 'belum dipilih');

  async function backupNow(button) {
    const path = await api.pickSavePath('Simpan cadangan', await api.backupDefaultName(), ['db']);
    if (!path) return;
    button.disabled = true;
    busy('Membuat cadangan dan memeriksa keutuhannya…');
    try {
      const report = await api.backupCreate(path);
      status.replaceChildren(h('div', { class: 'banner' }, `Cadangan tersimpan dan utuh: ${report.path} (${Math.ceil(report.size_bytes / 1024)} KB).`));
    } catch (error) { failed(error); } finally { button.disabled = false; }
  }

  async function restore(button) {
    const path = await api.pickFile('Pulihkan dari cadangan', ['db']);
    if (!path) return;
    if (!(await confirmDialog('Data sekarang akan diganti dengan isi cadangan. Data sekarang disimpan dulu sebagai salinan pra-pemulihan. Lanjutkan?', 'Pulihkan'))) return;
    button.disabled = true;
    busy('Memeriksa cadangan lalu memulihkan…');
    try {
      const kept = await api.backupRestore(path);
      // The restored data has its own accounts: everyone signs in again.
      status.replaceChildren(h('div', { class: 'banner' }, `Pemulihan selesai. Data sebelumnya disimpan di ${kept}. Silakan masuk lagi.`));
      setTimeout(() => { location.hash = ''; location.reload(); }, 4000);
    } catch (error) { failed(error); } finally { button.disabled = false; }
  }

  async function chooseFolder() {
    const path = await api.pickFolder('Folder cadangan otomatis');
    if (!path) return;
    try {
      folderText.textContent = await api.backupFolderSave(path);
      toast('Folder cadangan otomatis tersimpan.');
    } catch (error) { failed(error); }
  }

  const backupButton = h('button', { type: 'button', class: 'primary', id: 'backup-now', onclick: (e) => backupNow(e.currentTarget) }, 'Buat cadangan sekarang…');
  const restoreButton = h('button', { type: 'button', id: 'backup-restore', onclick: (e) => restore(e.currentTarget) }, 'Pulihkan dari cadangan…');
  clear(panel).append(h('section', { class: 'card narrow' },
    h('h2', {}, 'Cadangan basis data'),
    h('p', {}, 'Cadangan dibuat selagi Loket berjalan, lalu diperiksa keutuhannya. Pemulihan memeriksa berkas dulu dan menyimpan data sekarang sebagai salinan sebelum menggantinya.'),
    h('div', { class: 'row' }, backupButton, restoreButton),
    status,
    h('h3', {}, 'Cadangan otomatis harian'),
    h('p', {}, 'Folder: ', folderText, ' ', h('button', { type: 'button', onclick: chooseFolder }, 'Pilih folder…')),
    h('p', { class: 'muted small' }, 'Sekali sehari saat Loket berjalan; disimpan 14 cadangan harian terakhir dan 12 cadangan bulanan.')));
}
