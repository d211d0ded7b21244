// Disposisi: the signed-in official's open dispositions, the earliest due first. Each opens
// the letter or case it is about, where it is read, forwarded or reported.
import * as api from '../api.js';
import { h } from '../dom.js';
import { dispositionQueue } from './cases/queue.js';

export async function render(main) {
  main.append(h('h1', {}, 'Disposisi untuk saya'));
  let items;
  try {
    items = await api.dispositionInbox();
  } catch (error) {
    main.append(h('div', { class: 'banner warn', role: 'alert' }, error.message || String(error)));
    return;
  }
  // The Head (or whoever acts for him) first sees what waits for his disposition.
  const queue = await api.dispositionQueue().catch(() => []);
  if (queue.length) main.append(dispositionQueue(queue));
  const card = h('section', { class: 'card', id: 'inbox' });
  main.append(card);
  if (!items.length) {
    card.append(h('p', { class: 'muted', id: 'inbox-empty' }, 'Tidak ada disposisi yang menunggu laporan Anda.'));
    return;
  }
  card.append(h('table', { class: 'list clickable' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Batas waktu'), h('th', {}, 'Tentang'), h('th', {}, 'Dari'), h('th', {}, 'Instruksi'), h('th', {}, ''))),
    h('tbody', {}, items.map((d) => {
      const href = d.case_id ? `#pengaduan/${d.case_id}` : `#suratmasuk/surat/${d.letter_id}`;
      const open = () => { location.hash = href; };
      return h('tr', { tabindex: 0, dataset: { disposition: d.id }, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } },
        h('td', { class: d.overdue ? 'warn-text nowrap' : 'nowrap' }, d.due_label || '—'),
        h('td', {}, d.subject),
        h('td', {}, d.from_name),
        h('td', {}, d.instructions_label),
        h('td', {}, d.read_at ? '' : h('span', { class: 'badge' }, 'baru')));
    }))));
}
