// The Head's queue: cases waiting for his disposition (he, or whoever acts for him), the
// earliest deadline first. On Beranda and on Disposisi.
import { h } from '../../dom.js';

/** For the Head (or whoever acts for him): cases waiting for his disposition. */
export function dispositionQueue(cases) {
  return h('section', { class: 'card', id: 'dashboard-queue' },
    h('h2', {}, `Menunggu disposisi Anda (${cases.length})`),
    h('table', { class: 'list clickable', id: 'queue' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Nomor'), h('th', {}, 'Saluran'), h('th', {}, 'Pelapor dan uraian'), h('th', {}, 'Batas waktu'))),
      h('tbody', {}, cases.map((c) => {
        const open = () => { location.hash = `#pengaduan/${c.id}`; };
        const late = c.overdue;
        return h('tr', { tabindex: 0, dataset: { case: c.id }, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } },
          h('td', { class: 'nowrap mono' }, c.reg_number),
          h('td', {}, c.channel_label),
          h('td', {}, h('div', {}, c.complainant), h('div', { class: 'muted small clip wide', title: c.summary }, c.summary)),
          h('td', { class: late ? 'warn-text nowrap' : 'nowrap' }, c.due_label, late ? ' — lewat' : ''));
      }))));
}

