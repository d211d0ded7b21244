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
    busy('Membuat cadangan (basis data dan semua berkas pindaian) lalu memeriksa keutuhannya…');
    try {
      const report = await api.backupCreate(path);
      const size = report.size_bytes >= 1024 * 1024
        ? `${(report.size_bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
        : `${Math.ceil(report.size_bytes / 1024)} KB`;
      const lines = [h('p', {}, `Cadangan tersimpan dan utuh: ${report.path} (${size}, ${report.scans} berkas pindaian).`)];
      if (report.scans_beside) {
        lines.push(h('p', {}, 'Cadangan terlalu besar untuk satu berkas di flashdisk (FAT32): berkas pindaian disimpan di folder "lampiran" di samping berkas cadangan. Salin dan simpan keduanya bersama.'));
      }
      if (report.scans_missing > 0) {
        lines.push(h('p', {}, `${report.scans_missing} berkas pindaian sudah hilang atau rusak di komputer ini sebelum pencadangan, sehingga tidak ikut tersimpan.`));
      }
      status.replaceChildren(h('div', { class: report.scans_missing > 0 ? 'banner warn' : 'banner ok', id: 'backup-result' }, ...lines));
    } catch (error) { failed(error); } finally { button.disabled = false; }
  }

  async function restore(button) {
    const path = await api.pickFile('Pulihkan dari cadangan', ['db']);
    if (!path) return;
    if (!(await confirmDialog('Data sekarang akan diganti dengan isi cadangan. Data sekarang disimpan dulu sebagai salinan pra-pemulihan. Lanjutkan?', 'Pulihkan'))) return;
    button.disabled = true;
    busy('Memeriksa cadangan lalu memulihkan…');
    try {
      const report = await api.backupRestore(path);
      // The restored data has its own accounts: everyone signs in again.
      const lines = [h('p', {}, `Pemulihan selesai. Data sebelumnya disimpan di ${report.kept_as}.`)];
      if (report.scans > 0) {
        lines.push(h('p', {}, `${report.scans} berkas pindaian ada di tempatnya, diperiksa keutuhannya.`));
      }
      if (!report.scans_in_backup) {
        lines.push(h('p', {}, 'Cadangan ini dibuat oleh Loket versi lama dan tidak memuat berkas pindaian.'));
      }
      if (report.scans_missing > 0) {
        lines.push(h('p', {}, `${report.scans_missing} berkas pindaian tidak ada di cadangan maupun di komputer ini.`));
      }
      if (report.audit_carried > 0) {
        lines.push(h('p', {}, `${report.audit_carried} entri jejak audit sesudah cadangan dibuat tetap disimpan.`));
      }
      lines.push(h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => { location.hash = ''; location.reload(); } }, 'Masuk lagi')));
      status.replaceChildren(h('div', { class: report.scans_missing > 0 ? 'banner warn' : 'banner ok', id: 'restore-result' }, ...lines));
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
    h('p', {}, 'Cadangan memuat basis data dan semua berkas pindaian dalam satu berkas, dibuat selagi Loket berjalan lalu diperiksa keutuhannya. Pemulihan memeriksa berkas dulu pada salinannya dan menyimpan data sekarang sebelum menggantinya; jejak audit sesudah cadangan dibuat tidak hilang.'),
    h('div', { class: 'row' }, backupButton, restoreButton),
    status,
    h('h3', {}, 'Cadangan otomatis harian'),
    h('p', {}, 'Folder: ', folderText, ' ', h('button', { type: 'button', onclick: chooseFolder }, 'Pilih folder…')),
    h('p', { class: 'muted small' }, 'Sekali sehari saat Loket berjalan; disimpan 14 cadangan harian terakhir dan 12 cadangan bulanan. Berkas pindaian disimpan sekali di subfolder lampiran, dipakai bersama semua cadangan di folder itu. Dengan server kantor, cadangan otomatis ditulis oleh komputer tempat folder ini dipilih; Beranda Admin menunjukkan kapan terakhir berjalan.')));
}
