// Surat & Templat: how reply letters are set on paper (sheet, margins, font) and the reply
// templates with the {fields} Loket fills from the case.
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { field, form } from '../../forms.js';
import { listOf } from '../../choices.js';

const FIELDS = [
  ['nama', 'nama pelapor'], ['alamat', 'alamat pelapor'], ['nomor_registrasi', 'nomor registrasi (PGD-…)'],
  ['tanggal_diterima', 'tanggal pengaduan diterima'], ['perihal', 'perihal surat atau ringkasan pengaduan'],
  ['saluran', 'saluran'], ['sumber', '"melalui surat nomor … tanggal …" atau "melalui WhatsApp"'],
  ['nomor_surat', 'nomor surat pelapor'], ['tanggal_surat', 'tanggal surat pelapor'], ['alamat_kantor', 'alamat kantor'],
];

export async function render(panel) {
  const [setup, templates] = await Promise.all([api.letterSetup(), api.replyTemplates()]);
  const setupForm = form({
    submitLabel: 'Simpan tata letak',
    fields: [
      field({ name: 'paper', label: 'Kertas', kind: 'select', value: setup.paper, options: listOf('papers') }),
      h('div', { class: 'row-fields' },
        field({ name: 'font', label: 'Huruf isi surat', kind: 'select', value: setup.font, options: listOf('fonts') }),
        field({ name: 'font_pt', label: 'Ukuran (pt)', value: String(setup.font_pt), maxlength: 2, width: 's', inputmode: 'numeric' })),
      h('div', { class: 'row-fields' },
        field({ name: 'margin_top_mm', label: 'Margin atas (mm)', value: String(setup.margin_top_mm), maxlength: 2, width: 's', inputmode: 'numeric' }),
        field({ name: 'margin_bottom_mm', label: 'Bawah', value: String(setup.margin_bottom_mm), maxlength: 2, width: 's', inputmode: 'numeric' }),
        field({ name: 'margin_left_mm', label: 'Kiri', value: String(setup.margin_left_mm), maxlength: 2, width: 's', inputmode: 'numeric' }),
        field({ name: 'margin_right_mm', label: 'Kanan', value: String(setup.margin_right_mm), maxlength: 2, width: 's', inputmode: 'numeric' })),
      h('p', { class: 'muted small' }, 'Surat yang sudah ditandatangani tetap dicetak dengan tata letak dan kop saat ditandatangani.'),
    ],
    onSubmit: async (v) => { await api.letterSetupSave(v); toast('Tata letak surat tersimpan.'); },
  });
  setupForm.id = 'letter-setup-form';

  const editor = h('div', { id: 'template-editor' });
  const showTemplate = (template) => {
    const formEl = form({
      submitLabel: 'Simpan templat',
      fields: [
        field({ name: 'name', label: 'Nama templat', required: true, value: template.name, maxlength: 100 }),
        field({ name: 'subject', label: 'Hal', required: true, value: template.subject, maxlength: 300 }),
        field({ name: 'body', label: 'Isi surat', kind: 'textarea', required: true, value: template.body, maxlength: 20000,
          hint: 'Pisahkan paragraf dengan satu baris kosong.' }),
        field({ name: 'active', label: 'Aktif (ditawarkan saat membuat surat)', kind: 'checkbox', value: template.active }),
      ],
      onSubmit: async (v) => {
        const saved = await api.replyTemplateSave(template.id, v);
        const at = templates.findIndex((t) => t.id === saved.id);
        templates[at] = saved;
        toast(`Templat "${saved.name}" tersimpan.`);
      },
    });
    formEl.querySelector('[name=body]').rows = 12;
    formEl.id = 'template-form';
    clear(editor).append(formEl);
  };
  const picker = h('select', { id: 'template-pick', 'aria-label': 'Templat yang diubah',
    onchange: () => showTemplate(templates.find((t) => String(t.id) === picker.value)) },
  templates.map((t) => h('option', { value: String(t.id) }, t.name)));
  showTemplate(templates[0]);

  panel.append(h('div', { class: 'grid-2' },
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Templat surat balasan'), picker), editor),
    h('div', { class: 'stack' },
      h('section', { class: 'card' }, h('h2', {}, 'Tata letak surat'), setupForm),
      h('section', { class: 'card' }, h('h2', {}, 'Isian templat'),
        h('p', { class: 'muted small' }, 'Tulis isian dalam kurung kurawal; Loket mengisinya dari data pengaduan. Isian lain ditolak saat menyimpan.'),
        h('dl', { class: 'facts', id: 'template-fields' }, FIELDS.flatMap(([name, meaning]) => [h('dt', { class: 'mono' }, `{${name}}`), h('dd', {}, meaning)]))))));
}
