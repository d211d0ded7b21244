// Basis Data: where this PC keeps the office's data — on this PC alone, or on the office
// server (PostgreSQL on the office LAN) — with *Uji koneksi*, and *Pindahkan ke server* for
// an office that began on this PC. Also shown at the first start and when Loket cannot open
// its data (`gated`), where it is the way to fix the connection.
import * as api from '../../api.js';
import { h, clear, confirmDialog, messageOf } from '../../dom.js';
import { field, form, valuesOf, showErrors, clearErrors } from '../../forms.js';

const number = (n) => Number(n).toLocaleString('id-ID');

export async function render(panel, { gated = false } = {}) {
  const view = await api.databaseCurrent();
  const status = h('div', { 'aria-live': 'polite', id: 'database-status' });
  const show = (kind, ...lines) => status.replaceChildren(h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : null }, ...lines));

  const here = !view.office_open
    ? (view.kind === 'server'
      ? `Loket di komputer ini diatur memakai server kantor (${view.server.host}), tetapi belum dapat membukanya.`
      : `Loket di komputer ini diatur memakai data di komputer ini sendiri (${view.data_dir}), tetapi belum dapat membukanya.`)
    : view.on_server
      ? 'Loket di komputer ini sekarang memakai data di server kantor.'
      : `Loket di komputer ini sekarang memakai data di komputer ini sendiri (${view.data_dir}).`;

  const radio = (value, label, hint) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'database-kind', value, checked: view.kind === value, onchange: () => sync() }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'muted small' }, hint)));
  const kinds = h('fieldset', { class: 'choices', id: 'database-kind' },
    h('legend', {}, 'Tempat data kantor'),
    radio('file', 'Hanya komputer ini', 'Satu komputer saja; data tersimpan di folder data komputer ini.'),
    radio('server', 'Server kantor', 'Banyak komputer memakai data yang sama di server PostgreSQL di jaringan kantor.'));

  const s = view.server;
  const weakTls = view.password_exposed
    ? h('div', { class: 'banner warn', id: 'database-tls-weak', role: 'status' },
      'Enkripsi sambungan yang tersimpan tidak "Wajib": kata sandi basis data dapat disadap di jaringan. Pilih "Wajib" setelah TLS dinyalakan di server (lihat README).')
    : null;
  const formEl = form({
    submitLabel: 'Simpan & buka ulang',
    fields: [
      h('div', { class: 'row-fields', id: 'server-fields' },
        field({ name: 'host', label: 'Alamat server', value: s.host, maxlength: 253, hint: 'Nama komputer server atau alamat IP-nya, mis. 192.168.1.10' }),
        field({ name: 'port', label: 'Port', value: s.port, maxlength: 5, inputmode: 'numeric', placeholder: '5432', width: 'xs' })),
      h('div', { class: 'row-fields', id: 'server-names' },
        field({ name: 'database', label: 'Nama basis data', value: s.database, maxlength: 63, placeholder: 'loket', width: 'm' }),
        field({ name: 'user', label: 'Pengguna basis data', value: s.user, maxlength: 63, placeholder: 'loket', width: 'm' })),
      field({ name: 'password', label: 'Kata sandi basis data', kind: 'password', maxlength: 200,
        hint: view.has_password ? 'Kosongkan untuk tetap memakai kata sandi yang tersimpan (hanya untuk server, basis data dan pengguna yang sama, dengan enkripsi yang sama atau lebih ketat).' : view.password_kept }),
      field({ name: 'tls', label: 'Enkripsi sambungan (TLS)', kind: 'select', value: s.tls,
        options: view.tls_modes.map(([value, label]) => ({ value, label })) }),
    ],
    extra: [
      h('button', { type: 'button', id: 'database-test', onclick: (e) => test(e.currentTarget) }, 'Uji koneksi'),
      !view.on_server && !gated ? h('button', { type: 'button', id: 'database-move', onclick: (e) => move(e.currentTarget) }, 'Pindahkan data ke server…') : null,
    ],
    onSubmit: async (values) => {
      const choice = kind() === 'file' ? { kind: 'file' } : { kind: 'server', ...server(values) };
      if (kind() === 'file' && (view.on_server || view.kind === 'server')
        && !(await confirmDialog('Komputer ini akan memakai datanya sendiri lagi, bukan data server kantor: apa yang disimpan di server sejak pemindahan tidak terlihat di sini, dan nomor yang diberikan di sini bisa berbenturan dengan nomor di server. Data di server tetap utuh. Lanjutkan?', 'Ya, pakai data komputer ini'))) return;
      await api.databaseSave(choice);
      show('ok', h('p', {}, 'Pilihan tersimpan. Loket dibuka ulang…'));
      await api.appRestart();
    },
  });
  const kind = () => kinds.querySelector('input:checked')?.value || 'file';
  const server = (values) => ({ host: values.host, port: values.port, database: values.database, user: values.user, password: values.password, tls: values.tls });
  function sync() {
    const onServer = kind() === 'server';
    for (const el of formEl.querySelectorAll('#server-fields, #server-names, [data-field="password"], [data-field="tls"], #database-test, #database-move')) {
      el.hidden = !onServer;
    }
  }

  async function test(button) {
    clearErrors(formEl);
    button.disabled = true;
    show('', 'Menghubungi server…');
    try {
      const found = await api.databaseTest(server(valuesOf(formEl)));
      show('ok', h('p', { id: 'database-test-ok' }, found.message));
    } catch (error) {
      status.replaceChildren();
      showErrors(formEl, error);
      if (!error?.fields?.length) show('error', messageOf(error));
    } finally { button.disabled = false; }
  }

  async function move(button) {
    clearErrors(formEl);
    if (!(await confirmDialog('Semua data kantor di komputer ini (surat, pengaduan, buku tamu, pindaian, jejak audit) disalin ke basis data server yang masih kosong. Data di komputer ini tidak diubah dan tetap tersimpan. Selama pemindahan, komputer ini tidak dapat menyimpan. Lanjutkan?', 'Pindahkan'))) return;
    button.disabled = true;
    const bar = h('progress', { max: 1, value: 0, id: 'move-progress' });
    const label = h('span', { class: 'muted small', id: 'move-label' }, 'Menyiapkan…');
    status.replaceChildren(h('div', { class: 'export-status' }, bar, label));
    const unlisten = await window.__TAURI__.event.listen('loket://move-progress', (event) => {
      const p = event.payload;
      bar.max = Math.max(1, p.all);
      bar.value = p.done;
      label.textContent = p.stage === 'Data'
        ? `Data: ${number(p.done)} dari ${number(p.all)} baris`
        : `Pindaian: ${number(p.done)} dari ${number(p.all)} berkas`;
    });
    try {
      const report = await api.databaseMove(server(valuesOf(formEl)));
      const lines = [
        h('p', {}, `Pemindahan selesai dan diperiksa: ${number(report.records)} baris data dan ${number(report.scans)} berkas pindaian ada di server, jumlahnya sama dengan di komputer ini; jejak audit (${number(report.audit_entries)} entri) utuh.`),
        h('p', {}, 'Data di komputer ini tidak diubah. Sejak dibuka ulang, komputer ini memakai server kantor; sambungkan komputer lain di Pengaturan › Basis Data masing-masing.'),
      ];
      if (report.scans_missing > 0) {
        lines.push(h('p', {}, `${number(report.scans_missing)} berkas pindaian sudah hilang atau rusak di komputer ini sebelum dipindahkan.`));
      }
      // Nothing more is saved into this PC's file: Loket opens again on the server.
      const countdown = h('span', { id: 'database-restart-countdown' }, '');
      lines.push(h('p', {}, h('button', { type: 'button', class: 'primary', id: 'database-restart', onclick: () => api.appRestart() }, 'Buka ulang Loket sekarang'), ' ', countdown));
      let left = 15;
      const tick = () => {
        countdown.textContent = `Loket dibuka ulang otomatis dalam ${left} detik.`;
        if (left-- <= 0) api.appRestart().catch(() => {}); else setTimeout(tick, 1000);
      };
      tick();
      bar.value = bar.max;
      label.textContent = 'Selesai';
      status.replaceChildren(h('div', { class: 'export-status' }, bar, label),
        h('div', { class: report.scans_missing > 0 ? 'banner warn' : 'banner ok', id: 'move-result' }, ...lines));
    } catch (error) {
      status.replaceChildren();
      showErrors(formEl, error);
      if (!error?.fields?.length) show('error', messageOf(error));
    } finally {
      unlisten();
      // Moved: nothing more to move from here.
      button.disabled = Boolean(status.querySelector('#move-result'));
    }
  }

  clear(panel).append(h('section', { class: 'card narrow', id: 'database-settings' },
    h('h2', {}, 'Basis data'),
    h('p', {}, here),
    view.overridden ? h('p', { class: 'banner warn' }, 'Loket ini dijalankan dengan pilihan basis data dari baris perintah (--database atau LOKET_DATABASE); pilihan di bawah berlaku saat Loket dibuka tanpa itu.') : null,
    view.warning ? h('p', { class: 'banner warn', role: 'alert' }, view.warning) : null,
    weakTls,
    kinds,
    formEl,
    status,
    h('p', { class: 'muted small' }, `Pilihan ini milik komputer ini (${view.pc_name}) saja. Cara memasang server kantor ada di README, bab "Server kantor".`)));
  sync();
}
