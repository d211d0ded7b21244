// The frame: navigation, the office name and today's date, and the hash router that puts
// one area's view in <main>. Each area is a module with render(main, subpath).
import * as api from './api.js';
import { h, clear, messageOf } from './dom.js';
import * as dashboard from './views/dashboard.js';
import * as settings from './views/settings.js';

const AREAS = { beranda: dashboard, pengaturan: settings };

async function route() {
  const main = document.getElementById('main');
  const [area, ...rest] = (location.hash.slice(1) || 'beranda').split('/');
  const view = AREAS[area] || dashboard;
  for (const link of document.querySelectorAll('.sidebar a')) {
    link.classList.toggle('active', link.dataset.area === (AREAS[area] ? area : 'beranda'));
    if (link.classList.contains('active')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  clear(main);
  try {
    await view.render(main, rest.join('/'));
  } catch (error) {
    main.append(h('div', { class: 'banner error', role: 'alert' }, messageOf(error)));
  }
}

/** Shown instead of the app when the database cannot be opened (e.g. made by a newer Loket). */
function showStartupFailure(error) {
  document.querySelector('.sidebar').hidden = true;
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

window.addEventListener('DOMContentLoaded', async () => {
  try {
    await api.startup();
  } catch (error) {
    showStartupFailure(error);
    return;
  }
  refreshFrame().catch(() => {});
  window.addEventListener('hashchange', route);
  route();
});
