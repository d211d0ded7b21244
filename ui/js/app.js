// The frame: sign-in first, then navigation (only what the role may use), the office name,
// today's date and the person signed in, and the hash router that puts one area's view in
// <main>. Each area is a module with render(main, subpath).
import * as api from './api.js';
import { h, clear, messageOf } from './dom.js';
import * as session from './session.js';
import * as dashboard from './views/dashboard.js';
import * as settings from './views/settings.js';
import * as audit from './views/audit.js';
import * as guestbook from './views/guestbook.js';
import { listenForAppClose } from './views/guestbook/closing.js';

const AREAS = { beranda: dashboard, bukutamu: guestbook, pengaturan: settings, audit };
const NEEDS = { bukutamu: 'view_visits', pengaturan: 'manage_settings', audit: 'view_audit' };

/** The menu's badge: ID cards reception still holds. */
function showHeldBadge(count) {
  const badge = document.getElementById('held-badge');
  badge.textContent = String(count);
  badge.hidden = !count;
}
window.addEventListener('loket-held-changed', (event) => showHeldBadge(event.detail));

async function route() {
  if (!session.actor()) return;
  const main = document.getElementById('main');
  let [area, ...rest] = (location.hash.slice(1) || 'beranda').split('/');
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
  try {
    await AREAS[area].render(main, rest.join('/'));
  } catch (error) {
    if (!session.handleAuthError(error)) {
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
    h('p', {}, 'Tidak ada data yang diubah. Hubungi admin kantor dengan pesan di atas.')));
}

export async function refreshFrame() {
  const info = await api.dashboard();
  document.getElementById('office-name').textContent =
    `${info.office_name} · ${info.government_name}`;
  document.getElementById('today-label').textContent = info.today_label;
}

function showFrame(who) {
  document.querySelector('.app').classList.remove('gated');
  for (const link of document.querySelectorAll('.sidebar a[data-needs]')) {
    link.hidden = !session.can(link.dataset.needs);
  }
  clear(document.getElementById('user-box')).append(
    h('span', { class: 'who', id: 'signed-in-name' }, who.full_name),
    h('span', { class: 'role', id: 'signed-in-role' }, who.role_label),
    h('button', { type: 'button', onclick: () => { location.hash = '#sandi'; } }, 'Ganti sandi'),
    h('button', { type: 'button', id: 'sign-out', onclick: session.signOut }, 'Keluar'));
  refreshFrame().catch(() => {});
  route();
}

window.addEventListener('DOMContentLoaded', async () => {
  let info;
  try {
    info = await api.startup();
  } catch (error) {
    showStartupFailure(error);
    return;
  }
  window.addEventListener('hashchange', route);
  listenForAppClose();
  session.init({ minutes: info.idle_minutes, who: info.actor, locked: info.locked, signedInHandler: showFrame });
  if (info.needs_first_admin) session.showFirstRun();
  else if (info.actor && !info.actor.must_change_password) showFrame(info.actor);
  else session.showSignIn();
});
