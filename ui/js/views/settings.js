// Pengaturan: one tab per part of the office's settings; the tab is part of the address
// (#pengaturan/pejabat) so a reload or a link returns to it.
import { h } from '../dom.js';
import { tabNav } from '../tabs.js';
import * as profile from './settings/profile.js';
import * as units from './settings/units.js';
import * as officials from './settings/officials.js';
import * as deadlines from './settings/deadlines.js';
import * as numbering from './settings/numbering.js';
import * as letterTemplates from './settings/letters.js';
import * as classification from './settings/classification.js';
import * as holidays from './settings/holidays.js';
import * as accounts from './settings/accounts.js';
import * as backup from './settings/backup.js';
import * as database from './settings/database.js';
import * as privacy from './settings/privacy.js';

const TABS = [
  ['profil', 'Profil & Kop Surat', profile],
  ['unit', 'Unit Organisasi', units],
  ['pejabat', 'Pejabat', officials],
  ['tenggat', 'Batas Waktu', deadlines],
  ['penomoran', 'Penomoran', numbering],
  ['surat', 'Surat & Templat', letterTemplates],
  ['klasifikasi', 'Kode Klasifikasi', classification],
  ['libur', 'Hari Libur', holidays],
  ['akun', 'Akun Pengguna', accounts],
  ['cadangan', 'Cadangan', backup],
  ['basis-data', 'Basis Data', database],
  ['data-pribadi', 'Data Pribadi', privacy],
];

export async function render(main, sub) {
  const [tabKey] = sub.split('/');
  const current = TABS.find(([key]) => key === tabKey) || TABS[0];
  main.append(h('h1', {}, 'Pengaturan'));
  main.append(tabNav('pengaturan', TABS, current[0], 'Bagian pengaturan'));
  const panel = h('div', { class: 'tab-panel' });
  main.append(panel);
  await current[2].render(panel);
}
