// Dispositions of a letter or case: the tree (who passed it to whom, with what instruction,
// read and reported or not) and the dialog that disposes, forwards, or types in a paper sheet.
import * as api from '../../api.js';
import { h, clear, toast, messageOf } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import * as session from '../../session.js';
import { listOf } from '../../choices.js';


/** The signed-in official's open dispositions (ids), to offer read/report/forward on them. */
export async function myOpenIds() {
  if (!session.can('dispose')) return new Set();
  try {
    return new Set((await api.dispositionInbox()).map((d) => d.id));
  } catch {
    return new Set(); // an account not linked to an official has no inbox
  }
}

function state(node) {
  if (node.reported_at) return h('span', { class: 'status ok' }, `Dilaporkan ${node.reported_label}`);
  if (node.read_at) return h('span', { class: 'status' }, 'Sudah dibaca');
  return h('span', { class: 'status muted' }, 'Belum dibaca');
}

/** The tree as an indented list; `mine` are the ids the signed-in official may act on. */
export function dispositionTree(nodes, { mine = new Set(), onChanged, target }) {
  if (!nodes.length) return h('p', { class: 'muted', id: 'dispositions-empty' }, 'Belum ada disposisi.');
  return h('ol', { class: 'disposition-tree', id: 'dispositions' }, nodes.map((node) => h('li', {
    style: { marginLeft: `${node.depth * 1.5}rem` }, dataset: { disposition: node.id },
  },
  h('div', { class: 'disp-head' },
    h('strong', {}, node.from_name), ' → ', h('strong', {}, node.to_name),
    h('span', { class: 'muted small' }, ` · ${node.created_label}${node.on_paper ? ' · dari lembar kertas' : ''}`)),
  h('div', {}, node.instructions_label),
  node.note ? h('div', { class: 'muted small' }, `Catatan: ${node.note}`) : null,
  h('div', { class: 'small' }, node.due_label ? `Batas waktu: ${node.due_label} · ` : '', state(node)),
  node.report ? h('div', { class: 'report' }, `Laporan: ${node.report}`) : null,
  mine.has(node.id) ? h('div', { class: 'actions' },
    node.read_at ? null : h('button', { type: 'button', dataset: { read: node.id }, onclick: async (e) => {
      e.currentTarget.disabled = true;
      try { await api.dispositionRead(node.id); onChanged(); } catch (error) { toast(messageOf(error), 'error'); }
    } }, 'Tandai dibaca'),
    h('button', { type: 'button', dataset: { forward: node.id }, onclick: () => dispositionDialog({ ...target, parent: node, onDone: onChanged }) }, 'Teruskan'),
    h('button', { type: 'button', class: 'primary', dataset: { report: node.id }, onclick: () => reportDialog(node, onChanged) }, 'Laporkan')) : null)));
}

function reportDialog(node, onDone) {
  const dialog = h('dialog', { class: 'visit-dialog', id: 'report-dialog' });
  const formEl = form({
    submitLabel: 'Kirim laporan',
    fields: [field({ name: 'report', label: 'Laporan tindak lanjut', kind: 'textarea', required: true, maxlength: 2000 })],
    onCancel: () => dialog.close(),
    onSubmit: async (v) => {
      await api.dispositionReport(node.id, v.report);
      dialog.close();
      toast('Laporan disposisi terkirim.');
      onDone();
    },
  });
  dialog.append(h('h2', {}, `Laporan kepada ${node.from_name}`), h('p', { class: 'muted' }, node.instructions_label), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

/**
 * Disposes a letter or case (the Head), forwards a received disposition (parent), or types
 * in a paper sheet on an official's behalf (onPaper).
 */
let opening = false;

export async function dispositionDialog({ letterId = null, caseId = null, parent = null, onPaper = false, onDone }) {
  // A double click must not open two dialogs (and send two dispositions).
  if (opening || document.getElementById('disposition-dialog')) return;
  opening = true;
  let officials;
  try {
    officials = (await api.officials()).filter((o) => o.active);
  } catch (error) {
    toast(messageOf(error), 'error');
    return;
  } finally {
    opening = false;
  }
  const dialog = h('dialog', { class: 'visit-dialog wide', id: 'disposition-dialog' });
  const recipients = h('fieldset', { class: 'checks', dataset: { field: 'to_official_ids' } },
    h('legend', {}, 'Diteruskan kepada'),
    officials.map((o) => h('label', { class: 'check-line' },
      h('input', { type: 'checkbox', value: String(o.id), dataset: { official: o.id } }), ` ${o.position} — ${o.name}`)),
    h('div', { class: 'field-error', role: 'alert' }));
  const instructions = h('fieldset', { class: 'checks', dataset: { field: 'instructions' } },
    h('legend', {}, 'Dengan hormat harap'),
    listOf('instructions').map((i) => h('label', { class: 'check-line' },
      h('input', { type: 'checkbox', value: i.value, dataset: { instruction: i.value } }), ` ${i.label}`)),
    h('div', { class: 'field-error', role: 'alert' }));
  const fields = [];
  if (onPaper) {
    fields.push(field({ name: 'from_official_id', label: 'Ditulis oleh', kind: 'select', value: '',
      options: [{ value: '', label: '— pilih pejabat —' }, ...officials.map((o) => ({ value: String(o.id), label: `${o.position} — ${o.name}` }))] }));
  }
  fields.push(recipients, instructions,
    field({ name: 'instruction_text', label: 'Instruksi lain', maxlength: 300 }),
    h('div', { class: 'row-fields' },
      field({ name: 'due_date', label: 'Batas waktu', kind: 'date', hint: parent ? '' : 'Kosongkan: mengikuti batas waktu pengaduan.' }),
      field({ name: 'note', label: 'Catatan', maxlength: 1000 })));
  const checked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);
  const formEl = form({
    submitLabel: onPaper ? 'Simpan disposisi dari kertas' : 'Kirim disposisi',
    fields,
    onCancel: () => dialog.close(),
    onSubmit: async (v) => {
      const input = {
        letter_id: parent ? null : letterId, case_id: parent ? null : caseId, parent_id: parent ? parent.id : null,
        from_official_id: onPaper && v.from_official_id ? Number(v.from_official_id) : null,
        to_official_ids: checked(recipients).map(Number), instructions: checked(instructions),
        instruction_text: v.instruction_text, due_date: v.due_date, note: v.note,
      };
      const made = await api.dispose(input, onPaper);
      dialog.close();
      toast(`Disposisi terkirim kepada ${made.map((d) => d.to_name).join(', ')}.`);
      onDone?.();
    },
  });
  const title = parent ? `Teruskan disposisi dari ${parent.from_name}` : onPaper ? 'Catat disposisi dari lembar kertas' : 'Disposisi';
  dialog.append(h('h2', {}, title), formEl);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  focusFirst(formEl);
}

/** The section shown on a letter's or case's page. */
export async function dispositionSection(nodes, target, onChanged) {
  const section = h('section', { class: 'card', id: 'disposition-card' });
  const mine = await myOpenIds();
  const buttons = h('div', { class: 'actions' });
  if (session.can('dispose')) {
    buttons.append(h('button', { type: 'button', id: 'dispose', onclick: () => dispositionDialog({ ...target, onDone: onChanged }) }, 'Disposisikan'));
  }
  if (session.can('record_paper_disposition')) {
    buttons.append(h('button', { type: 'button', id: 'dispose-paper', onclick: () => dispositionDialog({ ...target, onPaper: true, onDone: onChanged }) }, 'Catat disposisi dari lembar kertas'));
  }
  clear(section).append(h('h2', {}, 'Disposisi'), dispositionTree(nodes, { mine, onChanged, target }), buttons);
  return section;
}
