// Buku Tamu: today's counter (register, who is in, ID cards held), search, a visitor's
// history. The tab is part of the address (#bukutamu/cari, #bukutamu/orang/12).
import { h } from '../dom.js';
import { tabNav } from '../tabs.js';
import * as today from './guestbook/today.js';
import * as search from './guestbook/search.js';
import * as person from './guestbook/person.js';

const TABS = [
  ['hari-ini', 'Hari ini', today],
  ['cari', 'Cari kunjungan', search],
];

export async function render(main, sub) {
  const [tabKey, ...rest] = sub.split('/');
  if (tabKey === 'orang') {
    await person.render(main, Number(rest[0]));
    return;
  }
  const current = TABS.find(([key]) => key === tabKey) || TABS[0];
  main.append(h('h1', {}, 'Buku Tamu'));
  main.append(tabNav('bukutamu', TABS, current[0], 'Bagian buku tamu'));
  const panel = h('div', { class: 'tab-panel' });
  main.append(panel);
  await current[2].render(panel);
}
