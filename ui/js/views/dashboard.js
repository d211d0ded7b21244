// Beranda: today, whether it is a working day, the calendar warning, the deadline of
// anything received now per channel, a deadline calculator and the coming holidays.
import * as api from '../api.js';
import { h } from '../dom.js';
import { field, form } from '../forms.js';
import { todayTyped } from '../format.js';
import * as session from '../session.js';
import { openVisit } from './guestbook/visit-dialog.js';
import { dispositionQueue } from './cases/queue.js';

/** For an official: visitors sent to him, waiting for his answer. */
function visitorsWaiting(visits, reload) {
  return h('section', { class: 'card', id: 'dashboard-visitors' },
    h('h2', {}, `Tamu menunggu Anda (${visits.length})`),
    h('table', { class: 'list clickable', id: 'visitors-waiting' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Tamu'), h('th', {}, 'Keperluan'), h('th', {}, 'Masuk'), h('th', {}, 'Pertemuan'))),
      h('tbody', {}, visits.map((v) => {
        const open = () => openVisit(v.id, reload);
        return h('tr', { tabindex: 0, dataset: { visit: v.id }, onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); } },
          h('td', {}, v.name),
          h('td', {}, h('div', { class: 'clip wide', title: v.purpose }, `${v.purpose_category_label}: ${v.purpose}`)),
          h('td', { class: 'nowrap' }, v.time_in_label),
          h('td', { class: 'nowrap' }, v.meeting_started_label ? `sejak ${v.meeting_started_label}` : 'belum dimulai'));
      }))));
}

/** Open cases by deadline, per channel and per official; every number opens its list. */
function workload(load) {
  const count = (n, label, href, id, warn) => h('a', { class: `count${warn && n ? ' warn' : ''}`, href, id },
    h('strong', {}, String(n)), h('span', {}, label));
  const section = h('section', { class: 'card counts', id: 'dashboard-cases' },
    h('h2', {}, 'Pengaduan'),
    h('div', { class: 'count-row' },
      count(load.overdue, 'lewat batas waktu', '#pengaduan?due=overdue', 'count-overdue', true),
      count(load.due_today, 'jatuh tempo hari ini', '#pengaduan?due=today', 'count-due-today', true),
      count(load.due_soon, `jatuh tempo s.d. ${load.soon_until_label}`, '#pengaduan?due=soon', 'count-due-soon'),
      count(load.open, 'belum dijawab', '#pengaduan?status=open', 'count-open'),
      count(load.cases_today, 'pengaduan diterima hari ini', '#pengaduan?today=1', 'count-cases-today'),
      count(load.letters_today, 'surat masuk hari ini', '#suratmasuk?today=1', 'count-letters-today')));
  const tables = h('div', { class: 'grid-2' });
  tables.append(h('div', {}, h('h3', {}, 'Per saluran'), h('table', { class: 'list', id: 'load-by-channel' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Saluran'), h('th', { class: 'num' }, 'Belum dijawab'), h('th', { class: 'num' }, 'Lewat batas'))),
    h('tbody', {}, load.by_channel.map((c) => h('tr', {},
      h('td', {}, c.name),
      h('td', { class: 'num' }, h('a', { href: `#pengaduan?status=open&channel=${c.code}` }, String(c.open))),
      h('td', { class: `num${c.overdue ? ' warn-text' : ''}` }, String(c.overdue))))))));
  tables.append(h('div', {}, h('h3', {}, 'Per pejabat (disposisi belum dilaporkan)'), load.by_official.length
    ? h('table', { class: 'list', id: 'load-by-official' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Pejabat'), h('th', { class: 'num' }, 'Pengaduan'), h('th', { class: 'num' }, 'Lewat batas'))),
      h('tbody', {}, load.by_official.map((o) => h('tr', {},
        h('td', {}, h('div', {}, o.name), h('div', { class: 'muted small' }, o.position)),
        h('td', { class: 'num' }, h('a', { href: `#pengaduan?official=${o.official_id}` }, String(o.open))),
        h('td', { class: `num${o.overdue ? ' warn-text' : ''}` }, String(o.overdue))))))
    : h('p', { class: 'muted' }, 'Tidak ada disposisi yang menunggu laporan.')));
  section.append(tables);
  return section;
}

export async function render(main) {
  const info = await api.dashboard();
  main.append(h('h1', {}, 'Beranda'));

  const today = h('section', { class: 'card today-card' },
    h('div', { class: 'big', id: 'dashboard-today' }, info.today_label),
    h('div', { class: info.is_working_day ? 'status ok' : 'status muted' },
      info.is_working_day ? 'Hari kerja' : `Bukan hari kerja — ${info.day_off_reason}`));
  main.append(today);

  if (info.disposition_queue.length) main.append(dispositionQueue(info.disposition_queue));
  if (info.visitors_waiting.length) {
    main.append(visitorsWaiting(info.visitors_waiting, () => { main.replaceChildren(); render(main); }));
  }
  if (session.can('view_cases')) main.append(workload(info.workload));

  if (session.can('view_visits')) {
    const counter = await api.guestbookToday();
    const count = (n, label, href, id) => h('a', { class: 'count', href, id }, h('strong', {}, String(n)), h('span', {}, label));
    main.append(h('section', { class: 'card counts', id: 'dashboard-counter' },
      h('h2', {}, 'Buku tamu hari ini'),
      h('div', { class: 'count-row' },
        count(counter.in_building.length + counter.done.length, 'tamu hari ini', '#bukutamu', 'count-visits'),
        count(counter.in_building.length, 'masih di dalam gedung', '#bukutamu', 'count-in-building'),
        count(counter.held_cards.length, 'kartu identitas masih disimpan', '#bukutamu', 'count-held'))));
  }

  // For the Admin: the daily automatic backup, when and where it last ran.
  const backup = info.backup;
  if (backup) {
    const place = backup.duty_pc ? ` di komputer ${backup.duty_pc}` : '';
    const settingsLink = h('a', { href: '#pengaturan/cadangan' }, 'Pengaturan › Cadangan');
    if (!backup.folder_set) {
      main.append(h('div', { class: 'banner warn', id: 'dashboard-backup', role: 'status' },
        'Cadangan otomatis harian belum diatur. Pilih foldernya di ', settingsLink, '.'));
    } else if (backup.overdue) {
      main.append(h('div', { class: 'banner warn', id: 'dashboard-backup', role: 'alert' },
        backup.last_label
          ? `Cadangan otomatis terakhir ${backup.last_label}${place}: sudah lebih dari sehari. `
          : `Cadangan otomatis belum pernah berjalan${place}. `,
        backup.duty_pc
          ? `Pastikan komputer ${backup.duty_pc} menyala, Loket terbuka di sana dan foldernya terjangkau; lihat `
          : 'Belum ada komputer yang memegang tugas cadangan: pilih lagi foldernya di komputer yang menyimpan cadangan, lewat ',
        settingsLink, '.'));
    } else {
      main.append(h('p', { class: 'muted small', id: 'dashboard-backup' },
        `Cadangan otomatis terakhir: ${backup.last_label}${place}.`));
    }
  }

  // For the Admin on the office server: a PC saved with a TLS mode weaker than *Wajib*
  // (before it was the default) sends the database password where it can be read.
  if (backup) {
    const database = await api.databaseCurrent().catch(() => null);
    if (database?.on_server && !database.overridden && database.password_exposed) {
      // Under the heading, where it is seen: the password is at stake every day until fixed.
      const banner = h('div', { class: 'banner warn', id: 'dashboard-tls', role: 'status' },
        'Sambungan komputer ini ke server kantor tidak mewajibkan enkripsi, sehingga kata sandi basis data dapat disadap di jaringan. Pilih enkripsi "Wajib" di ',
        h('a', { href: '#pengaturan/basis-data' }, 'Pengaturan › Basis Data'), '.');
      const heading = main.querySelector('h1');
      if (heading) heading.after(banner); else main.append(banner);
    }
  }

  // For the Admin and the Head: the audit trail's last check on this PC, when it found the
  // trail not whole (otherwise seen only by whoever opens Jejak Audit), and a cut an Admin
  // accepted lately (the Head oversees it; the Admin who pressed it may be the one who cut).
  if (session.can('verify_audit')) {
    const heading = main.querySelector('h1');
    const check = await api.auditStartupCheck().catch(() => null);
    const banners = [];
    if (check && !check.intact) {
      banners.push(h('div', { class: 'banner error', id: 'dashboard-audit', role: 'alert' },
        `Pemeriksaan jejak audit terakhir di komputer ini: ${check.message} Lihat `, h('a', { href: '#audit' }, 'Jejak Audit'), '.'));
    }
    const accepted = info.audit_accepted;
    if (accepted) {
      banners.push(h('div', { class: 'banner warn', id: 'dashboard-audit-accepted', role: 'status' },
        `${accepted.by} menerima temuan pemeriksaan jejak audit dan menjadikan entri terakhirnya acuan baru${accepted.pc ? ` di komputer ${accepted.pc}` : ''} pada ${accepted.at_label}. `,
        'Entri yang hilang tidak kembali; rinciannya (tindakan audit.accept_end) ada di ', h('a', { href: '#audit' }, 'Jejak Audit'), '.'));
    }
    if (heading) heading.after(...banners); else main.append(...banners);
  }

  for (const year of info.missing_holiday_years) {
    main.append(h('div', { class: 'banner warn', role: 'alert', dataset: { warning: 'calendar' } },
      `Daftar hari libur dan cuti bersama tahun ${year} belum diisi. Tenggat hari kerja yang melewati tahun ${year} `,
      'hanya melewati Sabtu dan Minggu. ',
      h('a', { href: '#pengaturan/libur' }, `Isi daftar libur ${year}`)));
  }

  const grid = h('div', { class: 'grid-2' });
  main.append(grid);

  const rows = info.deadlines_if_received_now.map((item) => h('tr', {},
    h('td', { class: 'nowrap' }, item.channel.name),
    h('td', { class: 'num' }, item.channel.deadline_unit === 'minutes'
      ? `${item.channel.deadline_value} menit` : `${item.channel.deadline_value} hari kerja`),
    h('td', {}, item.deadline.label)));
  grid.append(h('section', { class: 'card' },
    h('h2', {}, 'Jika diterima sekarang, batas penyelesaiannya'),
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Saluran'), h('th', { class: 'num' }, 'Batas'), h('th', {}, 'Paling lambat'))),
      h('tbody', {}, rows))));

  const result = h('div', { class: 'result', id: 'deadline-result', 'aria-live': 'polite' });
  const calc = form({
    submitLabel: 'Hitung',
    fields: [
      field({ name: 'channel', label: 'Saluran', kind: 'select', value: 'letter',
        options: info.deadlines_if_received_now.map((i) => ({ value: i.channel.code, label: i.channel.name })) }),
      field({ name: 'received', label: 'Tanggal diterima', kind: 'date', required: true, value: todayTyped() }),
    ],
    onSubmit: async (values) => {
      const due = await api.deadlineFor(values.channel, values.received);
      result.textContent = `Paling lambat: ${due.label}`;
    },
  });
  grid.append(h('section', { class: 'card' }, h('h2', {}, 'Hitung tenggat'), calc, result));

  const upcoming = info.upcoming_holidays.length
    ? h('ul', { class: 'plain' }, info.upcoming_holidays.map((hol) => h('li', {},
      h('strong', {}, hol.label), ' — ', hol.name, hol.kind === 'cuti_bersama' ? ' (cuti bersama)' : '')))
    : h('p', { class: 'muted' }, 'Tidak ada hari libur dalam 90 hari ke depan.');
  main.append(h('section', { class: 'card' }, h('h2', {}, 'Hari libur mendatang'), upcoming));
}
