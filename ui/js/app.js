// The frame: sign-in first, then navigation (only what the role may use), the office name,
// today's date and the person signed in, and the hash router that puts one area's view in
// <main>. Each area is a module with render(main, subpath).
import * as api from './api.js';
import * as choices from './choices.js';
import { h, clear, messageOf } from './dom.js';
import * as session from './session.js';
import { listenForAppClose } from './views/guestbook/closing.js';

// Each area's module is fetched the first time it is opened: the sign-in screen needs none
// of them, and the window paints it without waiting for some 200 KB of views to load.
const AREAS = {
  beranda: () => import('./views/dashboard.js'),
  bukutamu: () => import('./views/guestbook.js'),
  suratmasuk: () => import('./views/letters.js'),
  pengaduan: () => import('./views/cases.js'),
  disposisi: () => import('./views/inbox.js'),
  suratkeluar: () => import('./views/outgoing.js'),
  laporan: () => import('./views/reports.js'),
  cari: () => import('./views/search.js'),
  pengaturan: () => import('./views/settings.js'),
  audit: () => import('./views/audit.js'),
};
const NEEDS = {
  bukutamu: 'view_visits', suratmasuk: 'view_cases', pengaduan: 'view_cases', disposisi: 'dispose',
  suratkeluar: 'view_cases', laporan: 'view_cases',
  cari: 'view_cases', pengaturan: 'manage_settings', audit: 'view_audit',
};

/** The menu's badge: ID cards reception still holds. */
function showHeldBadge(count) {
  const badge = document.getElementById('held-badge');
  badge.textContent = String(count);
  badge.hidden = !count;
}
window.addEventListener('loket-replies-changed', () => api.replyInbox().then(showReplyBadge).catch(() => {}));
window.addEventListener('loket-held-changed', (event) => showHeldBadge(event.detail));

/** Surat Keluar's badge: drafts waiting for my paraf or signature, and mine returned. */
function showReplyBadge(inbox) {
  const count = inbox.awaiting.length + inbox.authored.filter((r) => r.status === 'dikembalikan').length;
  const badge = document.getElementById('reply-badge');
  badge.textContent = String(count);
  badge.hidden = !count;
}

// Live between desks (office server): the pages that show what other desks change — the
// queues, today's counter, one record's page — and the tables each depends on. When another
// PC saves one of them, the badges are asked again and the page is drawn anew; lists with
// filters and searches are left as the user set them. While someone is typing (a form with
// unsaved input, a dialog open) the redraw waits until they are done.
const LIVE = [
  [/^beranda$/, ['letters', 'cases', 'dispositions', 'replies', 'reply_reviews', 'visits', 'id_deposits', 'audit_check']],
  [/^audit$/, ['audit_check']],
  [/^disposisi$/, ['letters', 'dispositions', 'cases']],
  [/^bukutamu(\/hari-ini)?$/, ['visits', 'id_deposits']],
  [/^pengaduan\/\d+$/, ['cases', 'dispositions', 'letters', 'replies']],
  [/^suratmasuk\/surat\/\d+$/, ['letters', 'dispositions', 'cases']],
  [/^suratkeluar$/, ['replies', 'reply_reviews']],
  [/^suratkeluar\/surat\/\d+$/, ['replies', 'reply_reviews']],
];

function busyTyping(main) {
  if (document.querySelector('dialog[open], .lock-overlay')) return true;
  if (main.querySelector('[aria-busy=true]')) return true;
  return [...main.querySelectorAll('form')].some((f) => f.isDirty?.());
}

let liveTimer = null;
let liveTables = new Set();
function otherDeskSaved(tables) {
  for (const table of tables) liveTables.add(table);
  // One save touches several tables: draw once for all of them.
  clearTimeout(liveTimer);
  liveTimer = setTimeout(applyLiveChanges, 300);
}

function applyLiveChanges() {
  if (!session.actor()) { liveTables = new Set(); return; }
  const changed = liveTables;
  const touches = (names) => changed.has('*') || names.some((t) => changed.has(t));
  const main = document.getElementById('main');
  const place = (location.hash.slice(1) || 'beranda').split('?')[0];
  const live = LIVE.find(([pattern]) => pattern.test(place));
  if (live && touches(live[1]) && busyTyping(main)) {
    // Kept for when the typing is done, not dropped.
    liveTimer = setTimeout(applyLiveChanges, 2000);
    return;
  }
  liveTables = new Set();
  if (session.can('view_visits') && touches(['visits', 'id_deposits'])) {
    api.cardsHeld().then((cards) => showHeldBadge(cards.length)).catch(() => {});
  }
  if (session.can('view_cases') && touches(['replies', 'reply_reviews'])) {
    api.replyInbox().then(showReplyBadge).catch(() => {});
  }
  if (live && touches(live[1])) {
    const scroll = document.scrollingElement.scrollTop;
    route().then(() => { document.scrollingElement.scrollTop = scroll; });
  }
}

// Each navigation's number: a view still loading when the user has moved on is not drawn.
let navigation = 0;

async function route() {
  if (!session.actor()) return;
  const current = ++navigation;
  const main = document.getElementById('main');
  const [place, query] = (location.hash.slice(1) || 'beranda').split('?');
  let [area, ...rest] = place.split('/');
  if (query) rest = [`${rest.join('/')}?${query}`];
  if (area === 'sandi') {
    session.openPasswordChange();
    return;
  }
  if (!AREAS[area] || (NEEDS[area] && !session.can(NEEDS[area]))) area = 'beranda';
  for (const link of document.querySelectorAll('.sidebar a')) {
    const active = link.dataset.area === area;
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  clear(main);
  if (session.can('view_visits')) api.cardsHeld().then((cards) => showHeldBadge(cards.length)).catch(() => {});
  if (session.can('view_cases')) api.replyInbox().then(showReplyBadge).catch(() => {});
  try {
    const [view] = await Promise.all([AREAS[area](), choices.load()]);
    if (current !== navigation) return;
    await view.render(main, rest.join('/'));
  } catch (error) {
    if (!session.handleAuthError(error) && current === navigation) {
      main.append(h('div', { class: 'banner error', role: 'alert' }, messageOf(error)));
    }
  }
}

/** Shown instead of the app when the database cannot be opened (e.g. made by a newer Loket). */
function showStartupFailure(error) {
  document.querySelector('.app').classList.add('gated');
  const main = clear(document.getElementById('main'));
  main.append(h('section', { class: 'startup-failure' },
    h('h1', {}, 'Loket tidak dapat membuka basis data'),
    h('p', { class: 'banner error', role: 'alert' }, messageOf(error)),
    h('p', {}, 'Tidak ada data yang diubah. Hubungi admin kantor dengan pesan di atas.'),
    h('p', {}, h('button', { type: 'button', id: 'startup-database', onclick: () => session.showDatabaseGate(() => showStartupFailure(error)) }, 'Periksa sambungan basis data…'))));
}

export async function refreshFrame() {
  const info = await api.dashboard();
  document.getElementById('office-name').textContent =
    `${info.office_name} · ${info.government_name}`;
  document.getElementById('today-label').textContent = info.today_label;
}

/** The search box in the top bar: Enter opens #cari with the words. */
function searchBox() {
  if (!session.can('view_cases')) return null;
  const input = h('input', { type: 'search', id: 'global-search', placeholder: 'Cari nomor, nama, perihal…',
    'aria-label': 'Cari pengaduan, surat, kunjungan, orang', maxlength: 200, autocomplete: 'off' });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && input.value.trim()) {
      location.hash = `#cari?q=${encodeURIComponent(input.value.trim())}`;
      input.value = '';
    }
  });
  return input;
}

function showFrame(who) {
  document.querySelector('.app').classList.remove('gated');
  for (const link of document.querySelectorAll('.sidebar a[data-needs]')) {
    link.hidden = !session.can(link.dataset.needs);
  }
  clear(document.getElementById('user-box')).append(
    searchBox(),
    h('span', { class: 'who', id: 'signed-in-name' }, who.full_name),
    h('span', { class: 'role', id: 'signed-in-role' }, who.role_label),
    h('button', { type: 'button', onclick: () => { location.hash = '#sandi'; } }, 'Ganti sandi'),
    h('button', { type: 'button', id: 'sign-out', onclick: session.signOut }, 'Keluar'));
  refreshFrame().catch(() => {});
  route();
}

performance.mark('loket:modules-run');
window.addEventListener('DOMContentLoaded', async () => {
  performance.mark('loket:dom-ready');
  // A new window opens on the sign-in screen nearly every time: it is drawn at once, and
  // replaced below in the rare other cases (the first run, a reload while signed in, a
  // database that cannot be opened) once the core has answered.
  session.init({ minutes: 15, who: null, locked: false, signedInHandler: showFrame });
  session.showSignIn();
  let info;
  try {
    info = await api.startup();
    performance.mark('loket:startup-answered');
  } catch (error) {
    showStartupFailure(error);
    return;
  }
  window.addEventListener('hashchange', route);
  listenForAppClose();
  window.__TAURI__.event.listen('loket://changed', (event) => otherDeskSaved(event.payload));
  session.configure({ minutes: info.idle_minutes, who: info.actor, locked: info.locked });
  if (info.needs_first_admin) session.showFirstRun();
  else if (info.actor && !info.actor.must_change_password) showFrame(info.actor);
  else if (info.actor) session.showSignIn();
});
