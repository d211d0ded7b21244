// Batas Waktu: the deadline of each channel (from the service standard; editable).
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';

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
}
