// Profil & Kop Surat: the office profile as printed in the letterhead. Saving creates a new
// dated version; earlier versions stay for letters signed under them.
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { field, form, focusFirst, showFieldError } from '../../forms.js';
import { todayTyped, instantToWita } from '../../format.js';
import { refreshFrame } from '../../app.js';

function inputFrom(lh) {
  return {
    valid_from: todayTyped(),
    government_name: lh.government_name,
    office_name: lh.office_name,
    street_address: lh.street_address,
    city: lh.city,
    postcode: lh.postcode,
    phone: lh.phone,
    email: lh.email,
    website: lh.website,
    emblem: lh.emblem ? lh.emblem.data_url : '',
    government_font_pt: String(lh.government_font_pt),
    office_font_pt: String(lh.office_font_pt),
    address_font_pt: String(lh.address_font_pt),
  };
}

/** The letterhead as it will print, redrawn as the user types. */
function preview(values) {
  const contact = [
    `${values.street_address}${values.city ? `, ${values.city}` : ''}${values.postcode ? ` ${values.postcode}` : ''}`,
    values.phone ? `Telepon ${values.phone}` : '',
  ].filter(Boolean).join(' · ');
  const web = [values.email ? `Email: ${values.email}` : '', values.website ? `Laman: ${values.website}` : ''].filter(Boolean).join(' · ');
  const pt = (v, fallback) => `${Math.min(Math.max(Number(v) || fallback, 6), 28)}pt`;
  return h('div', { class: 'kop-preview', 'aria-label': 'Pratinjau kop surat' },
    values.emblem ? h('img', { class: 'kop-emblem', src: values.emblem, alt: 'Lambang daerah' }) : h('div', { class: 'kop-emblem empty' }, 'lambang'),
    h('div', { class: 'kop-text' },
      h('div', { class: 'kop-gov', style: { fontSize: pt(values.government_font_pt, 14) } }, values.government_name),
      h('div', { class: 'kop-office', style: { fontSize: pt(values.office_font_pt, 16) } }, values.office_name),
      h('div', { class: 'kop-address', style: { fontSize: pt(values.address_font_pt, 10) } }, contact),
      web ? h('div', { class: 'kop-address', style: { fontSize: pt(values.address_font_pt, 10) } }, web) : null));
}

export async function render(panel) {
  const [current, versions] = await Promise.all([api.letterheadCurrent(), api.letterheadVersions()]);
  const initial = inputFrom(current);
  const previewBox = h('div', { class: 'preview-box' });
  const emblemInput = h('input', { type: 'hidden', name: 'emblem' });
  emblemInput.value = initial.emblem;
  const emblemInfo = h('span', { class: 'muted', id: 'emblem-info' },
    current.emblem ? `${current.emblem.width}×${current.emblem.height} px` : 'Belum ada lambang');

  const emblemField = h('div', { class: 'field', dataset: { field: 'emblem' } },
    h('label', {}, 'Lambang daerah (PNG atau JPEG, paling besar 1 MB)'),
    emblemInput,
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'emblem-pick', onclick: pickEmblem }, 'Pilih gambar…'),
      h('button', { type: 'button', id: 'emblem-remove', onclick: () => { emblemInput.value = ''; emblemInfo.textContent = 'Tanpa lambang'; redraw(); } }, 'Hapus lambang'),
      emblemInfo),
    h('div', { class: 'field-error', role: 'alert' }));

  const formEl = form({
    submitLabel: 'Simpan kop surat',
    fields: [
      field({ name: 'valid_from', label: 'Berlaku mulai', kind: 'date', required: true, value: initial.valid_from,
        hint: 'Menyimpan membuat versi kop baru mulai tanggal ini; surat yang sudah ditandatangani tetap memakai kop lamanya.' }),
      field({ name: 'government_name', label: 'Nama pemerintah daerah', required: true, value: initial.government_name, maxlength: 100 }),
      field({ name: 'office_name', label: 'Nama dinas', required: true, value: initial.office_name, maxlength: 100 }),
      field({ name: 'street_address', label: 'Alamat', required: true, value: initial.street_address, maxlength: 200 }),
      h('div', { class: 'row-fields' },
        field({ name: 'city', label: 'Kota', required: true, value: initial.city, maxlength: 60 }),
        field({ name: 'postcode', label: 'Kode pos', value: initial.postcode, maxlength: 10, inputmode: 'numeric', width: 's' })),
      h('div', { class: 'row-fields' },
        field({ name: 'phone', label: 'Telepon', value: initial.phone, maxlength: 40, inputmode: 'tel' }),
        field({ name: 'email', label: 'Email', value: initial.email, maxlength: 100, inputmode: 'email' })),
      field({ name: 'website', label: 'Laman (website)', value: initial.website, maxlength: 100 }),
      emblemField,
      h('div', { class: 'row-fields' },
        field({ name: 'government_font_pt', label: 'Huruf pemda (pt)', kind: 'number', value: initial.government_font_pt, width: 's' }),
        field({ name: 'office_font_pt', label: 'Huruf dinas (pt)', kind: 'number', value: initial.office_font_pt, width: 's' }),
        field({ name: 'address_font_pt', label: 'Huruf alamat (pt)', kind: 'number', value: initial.address_font_pt, width: 's' })),
    ],
    // Esc (after asking, if anything was typed) returns to what is saved.
    onCancel: () => { clear(panel); render(panel); },
    cancelLabel: 'Kembalikan',
    check: (values) => api.letterheadCheck(values),
    onSubmit: async (values) => {
      const saved = await api.letterheadSave(values);
      toast(`Kop surat tersimpan; berlaku mulai ${saved.valid_from.split('-').reverse().join('/')}.`);
      await refreshFrame();
      await renderVersions();
    },
  });

  function redraw() {
    const values = Object.fromEntries([...formEl.querySelectorAll('[name]')].map((el) => [el.name, el.value]));
    clear(previewBox).append(preview(values));
  }
  formEl.addEventListener('input', redraw);

  async function pickEmblem() {
    const path = await api.pickFile('Pilih lambang daerah', ['png', 'jpg', 'jpeg']);
    if (!path) return;
    try {
      const emblem = await api.emblemPreview(path);
      emblemInput.value = emblem.data_url;
      emblemInfo.textContent = `${emblem.width}×${emblem.height} px, ${Math.ceil(emblem.size_bytes / 1024)} KB`;
      showFieldError(formEl, 'emblem', '');
      redraw();
    } catch (error) {
      showFieldError(formEl, 'emblem', error.message);
    }
  }

  const versionsBox = h('div', {});
  async function renderVersions() {
    const list = await api.letterheadVersions();
    clear(versionsBox).append(versionTable(list));
  }
  versionsBox.append(versionTable(versions));

  panel.append(h('div', { class: 'grid-2' },
    h('section', { class: 'card' }, h('h2', {}, 'Profil kantor dan kop surat'), formEl),
    h('div', {},
      h('section', { class: 'card' }, h('h2', {}, 'Pratinjau'), previewBox),
      h('section', { class: 'card' }, h('h2', {}, 'Riwayat versi kop'), versionsBox))));
  redraw();
  focusFirst(formEl);
}

function versionTable(list) {
  return h('table', { class: 'list', id: 'letterhead-versions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Berlaku mulai'), h('th', {}, 'Alamat'), h('th', {}, 'Telepon'), h('th', {}, 'Disimpan'))),
    h('tbody', {}, list.map((v) => h('tr', { class: v.current ? 'current' : '' },
      h('td', {}, v.valid_from_label, v.current ? h('span', { class: 'tag' }, 'berlaku') : null),
      h('td', {}, v.street_address),
      h('td', {}, v.phone),
      h('td', {}, instantToWita(v.created_at))))));
}
