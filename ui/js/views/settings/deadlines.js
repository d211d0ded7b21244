// Batas Waktu: the deadline of each channel (from the service standard, or the office's own
// choice where the standard names none), each channel's contact, closing time, scan size.
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';

function standardHint(c) {
  if (c.standard_deadline == null) return 'Pilihan kantor (Standar Pelayanan tidak menyebutnya).';
  const unit = c.deadline_unit === 'minutes' ? 'menit' : 'hari kerja';
  return c.standard_deadline === c.deadline_value
    ? `Sesuai Standar Pelayanan (${c.standard_deadline} ${unit}).`
    : `Standar Pelayanan: ${c.standard_deadline} ${unit}; kantor memakai nilai lain.`;
}

export async function render(panel) {
  const box = h('section', { class: 'card narrow' });
  panel.append(box);
  const channels = await api.channels();
  const formEl = form({
    submitLabel: 'Simpan batas waktu',
    fields: [
      h('p', { class: 'muted' }, 'Hari kerja: Senin–Jumat di luar hari libur nasional dan cuti bersama. ' +
        'Hari diterima dihitung hari ke-0; batasnya akhir hari kerja ke-N sesudahnya.'),
      ...channels.map((c) => field({
        name: `deadline.${c.code}`,
        label: `${c.name} (${c.deadline_unit === 'minutes' ? 'menit' : 'hari kerja'})`,
        kind: 'number', required: true, value: String(c.deadline_value), width: 's',
        // The standard sets the counter, the box, letters and SP4N-LAPOR; the rest are the office's choice.
        hint: standardHint(c),
      })),
    ],
    // Esc (after asking, if anything was typed) returns to what is saved.
    onCancel: () => { clear(panel); render(panel); },
    cancelLabel: 'Kembalikan',
    onSubmit: async (values) => {
      const inputs = channels.map((c) => ({ code: c.code, value: values[`deadline.${c.code}`] }));
      await api.channelDeadlinesSave(inputs);
      toast('Batas waktu tersimpan.');
    },
  });
  clear(box).append(h('h2', {}, 'Batas waktu penyelesaian per saluran'), formEl);
  focusFirst(formEl);

  // Each channel's contact as the standard publishes it, printed on receipts.
  const contacts = h('section', { class: 'card narrow', id: 'channel-contacts-card' });
  panel.append(contacts);
  contacts.append(h('h2', {}, 'Kontak tiap saluran'), form({
    submitLabel: 'Simpan kontak',
    fields: [
      h('p', { class: 'muted' }, 'Dicetak pada tanda terima: nomor WhatsApp helpdesk, alamat email, nama halaman Facebook, dan sebagainya.'),
      ...channels.map((c) => field({ name: `contact.${c.code}`, label: c.name, value: c.contact, maxlength: 200 })),
    ],
    onSubmit: async (values) => {
      await api.channelContactsSave(channels.map((c) => ({ code: c.code, contact: values[`contact.${c.code}`] })));
      toast('Kontak saluran tersimpan.');
    },
  }));

  // After closing time a letter or message counts as received on the next working day.
  const hours = h('section', { class: 'card narrow', id: 'closing-time-card' });
  panel.append(hours);
  const closing = await api.closingTime();
  hours.append(h('h2', {}, 'Jam tutup kantor'), form({
    submitLabel: 'Simpan jam tutup',
    fields: [field({ name: 'closing_time', label: 'Jam tutup (WITA)', required: true, value: closing, maxlength: 5, width: 's',
      hint: 'Surat atau pesan yang diterima sesudah jam ini, atau pada hari libur, dihitung diterima hari kerja berikutnya.' })],
    onSubmit: async (v) => {
      const saved = await api.closingTimeSave(v.closing_time);
      toast(`Jam tutup kantor: ${saved} WITA.`);
    },
  }));

  const scans = h('section', { class: 'card narrow', id: 'scan-size-card' });
  panel.append(scans);
  const maxMb = await api.attachmentMaxMb();
  scans.append(h('h2', {}, 'Berkas pindaian'), form({
    submitLabel: 'Simpan batas ukuran',
    fields: [field({ name: 'attachment_max_mb', label: 'Ukuran paling besar per berkas (MB)', required: true,
      value: String(maxMb), maxlength: 3, inputmode: 'numeric', width: 's',
      hint: 'PDF, JPEG atau PNG hasil pindaian surat; 1–200 MB.' })],
    onSubmit: async (v) => {
      const saved = await api.attachmentMaxMbSave(v.attachment_max_mb);
      toast(`Berkas pindaian paling besar ${saved} MB.`);
    },
  }));
}
