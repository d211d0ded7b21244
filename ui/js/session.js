// Who is at the keyboard: first run (the first administrator), sign-in, the forced password
// change, and the idle lock that covers the window without touching what was being typed.
import * as api from './api.js';
import { h, clear, toast } from './dom.js';
import { field, form, focusFirst } from './forms.js';

let current = null;
let idleMinutes = 15;
let lastActivity = Date.now();
let lockShown = false;
let onSignedIn = () => {};

export const actor = () => current;
export const can = (permission) => Boolean(current && current.permissions.includes(permission));

/** A screen of its own (no navigation) for first run and sign-in. */
function gate(title, subtitle, formEl) {
  document.querySelector('.app').classList.add('gated');
  const main = clear(document.getElementById('main'));
  main.append(h('section', { class: 'card gate' }, h('h1', {}, title), h('p', { class: 'muted' }, subtitle), formEl));
  focusFirst(formEl);
}

/** Pengaturan › Basis Data on a screen of its own: at the first start, or when the data
 *  cannot be opened. */
export async function showDatabaseGate(back) {
  const { render } = await import('./views/settings/database.js');
  const panel = h('div');
  gate('Tempat data kantor', 'Pilih di mana Loket di komputer ini menyimpan dan membaca data kantor.', panel);
  await render(panel, { gated: true });
  if (back) panel.append(h('p', {}, h('button', { type: 'button', id: 'database-back', onclick: back }, 'Kembali')));
}

export function showFirstRun() {
  const toServer = h('p', { class: 'muted small' }, 'Data kantor sudah ada di server kantor? ',
    h('button', { type: 'button', class: 'linklike', id: 'first-run-server', onclick: () => showDatabaseGate(showFirstRun) }, 'Sambungkan komputer ini ke server kantor'));
  gate('Selamat datang di Loket', 'Buat akun Admin pertama. Tidak ada kata sandi bawaan: Admin inilah yang nanti membuat akun staf lain.',
    form({
      submitLabel: 'Buat akun Admin',
      fields: [
        field({ name: 'full_name', label: 'Nama lengkap', required: true, maxlength: 120 }),
        field({ name: 'username', label: 'Nama pengguna', required: true, maxlength: 32, hint: 'Huruf kecil, angka, titik atau garis bawah; mis. admin.dinsos' }),
        field({ name: 'password', label: 'Kata sandi', kind: 'password', required: true, hint: 'Paling sedikit 8 karakter, tidak memuat nama pengguna.' }),
        field({ name: 'password2', label: 'Ulangi kata sandi', kind: 'password', required: true }),
      ],
      onSubmit: async (v) => {
        if (v.password !== v.password2) {
          throw { message: 'Kedua kata sandi tidak sama.', fields: [{ field: 'password2', message: 'Kedua kata sandi tidak sama.' }] };
        }
        signedIn(await api.firstAdminCreate({ full_name: v.full_name, username: v.username, password: v.password, role: 'admin', active: true }));
      },
    }));
  document.querySelector('.gate').append(toServer);
}

export function showSignIn(message) {
  gate('Masuk ke Loket', message || 'Masukkan nama pengguna dan kata sandi Anda.',
    form({
      submitLabel: 'Masuk',
      fields: [
        field({ name: 'username', label: 'Nama pengguna', required: true, maxlength: 64 }),
        field({ name: 'password', label: 'Kata sandi', kind: 'password', required: true }),
      ],
      onSubmit: async (v) => signedIn(await api.signIn(v.username, v.password)),
    }));
}

function showPasswordChange(forced) {
  const formEl = form({
    submitLabel: 'Simpan kata sandi',
    fields: [
      field({ name: 'current', label: 'Kata sandi sekarang', kind: 'password', required: true }),
      field({ name: 'new', label: 'Kata sandi baru', kind: 'password', required: true, hint: 'Paling sedikit 8 karakter.' }),
      field({ name: 'new2', label: 'Ulangi kata sandi baru', kind: 'password', required: true }),
    ],
    onCancel: forced ? undefined : () => { location.hash = '#beranda'; window.dispatchEvent(new HashChangeEvent('hashchange')); },
    onSubmit: async (v) => {
      if (v.new !== v.new2) {
        throw { message: 'Kedua kata sandi baru tidak sama.', fields: [{ field: 'new2', message: 'Kedua kata sandi baru tidak sama.' }] };
      }
      current = await api.passwordChange(v.current, v.new);
      toast('Kata sandi diganti.');
      if (forced) onSignedIn(current);
      else { location.hash = '#beranda'; }
    },
  });
  if (forced) {
    gate('Ganti kata sandi', 'Kata sandi Anda diberikan oleh Admin; gantilah sebelum mulai bekerja.', formEl);
  } else {
    const main = clear(document.getElementById('main'));
    main.append(h('h1', {}, 'Ganti kata sandi'), h('section', { class: 'card narrow' }, formEl));
    focusFirst(formEl);
  }
}

function signedIn(who) {
  current = who;
  lastActivity = Date.now();
  if (who.must_change_password) {
    showPasswordChange(true);
    return;
  }
  onSignedIn(who);
}

export function openPasswordChange() {
  showPasswordChange(false);
}

export async function signOut() {
  await api.signOut().catch(() => {});
  location.hash = '';
  location.reload();
}

/** The lock: an overlay over the untouched page, asking for the password again. */
export function showLock() {
  if (lockShown || !current) return;
  lockShown = true;
  api.sessionLock().catch(() => {});
  const overlay = h('div', { class: 'lock-overlay', id: 'lock-overlay', role: 'dialog', 'aria-modal': 'true' });
  const formEl = form({
    submitLabel: 'Buka kunci',
    fields: [field({ name: 'password', label: `Kata sandi ${current.full_name}`, kind: 'password', required: true })],
    onSubmit: async (v) => {
      current = await api.sessionUnlock(v.password);
      overlay.remove();
      lockShown = false;
      lastActivity = Date.now();
      document.querySelector('.app').inert = false;
    },
    extra: [h('button', { type: 'button', onclick: signOut }, 'Keluar')],
  });
  overlay.append(h('section', { class: 'card gate' },
    h('h1', {}, 'Layar terkunci'),
    h('p', { class: 'muted' }, `Tidak ada kegiatan selama ${idleMinutes} menit. Isian yang sedang diketik tetap tersimpan di layar.`),
    formEl));
  document.querySelector('.app').inert = true;
  document.body.append(overlay);
  focusFirst(formEl);
}

/** Starts the idle clock; `signedInHandler` builds the frame after sign-in. */
export function init({ minutes, who, locked, signedInHandler }) {
  idleMinutes = minutes;
  onSignedIn = signedInHandler;
  current = who;
  let lastTouch = 0;
  for (const type of ['keydown', 'mousedown', 'wheel', 'touchstart']) {
    window.addEventListener(type, () => {
      if (lockShown) return;
      lastActivity = Date.now();
      // Typing a long form calls no command; tell the core the person is still there, well
      // within its idle limit (a quarter of it, at most a minute apart): touching only once
      // a minute would let a one-minute limit lock someone who never stopped typing.
      const touchEvery = Math.min(60 * 1000, (idleMinutes * 60 * 1000) / 4);
      if (current && lastActivity - lastTouch > touchEvery) {
        lastTouch = lastActivity;
        api.sessionTouch().catch(handleAuthError);
      }
    }, { capture: true, passive: true });
  }
  window.addEventListener('loket-auth-error', (event) => handleAuthError(event.detail));
  setInterval(() => {
    if (current && !lockShown && Date.now() - lastActivity > idleMinutes * 60 * 1000) showLock();
  }, 5000);
  if (who && locked) showLock();
}

/** What the core said at start-up, once it has answered: the idle limit, and who is signed
 *  in on this window already (a reload), locked or not. */
export function configure({ minutes, who, locked }) {
  idleMinutes = minutes;
  current = who;
  if (who && locked) showLock();
}

/** Called when any command answers that the session is locked or gone. */
export function handleAuthError(error) {
  if (error?.code === 'auth.locked') { showLock(); return true; }
  if (error?.code === 'auth.not_signed_in') { showSignIn('Sesi berakhir; silakan masuk lagi.'); return true; }
  return false;
}

export function setIdleMinutes(minutes) {
  idleMinutes = minutes;
}
