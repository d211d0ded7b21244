// Keyboard-first forms: labels above fields, Enter moves on and saves from the last field,
// Ctrl+Enter saves from anywhere, Esc asks before throwing typed text away. Messages from the
// core appear beside the field they name, as the user leaves it and again on save.
import { h, confirmDialog, messageOf } from './dom.js';

let fieldSeq = 0;

/**
 * One labelled field. kind: text | date | number | select | checkbox | textarea.
 * options (select): [{value, label}].
 */
export function field({ name, label, kind = 'text', value = '', required = false, hint, options,
  maxlength, placeholder, inputmode, width }) {
  const id = `f-${name.replace(/[^a-z0-9_-]/gi, '-')}-${++fieldSeq}`;
  const errorId = `${id}-err`;
  let input;
  if (kind === 'select') {
    input = h('select', { id, name });
    for (const option of options || []) {
      input.append(h('option', { value: option.value }, option.label));
    }
    input.value = value ?? '';
  } else if (kind === 'textarea') {
    input = h('textarea', { id, name, rows: 3, maxlength });
    input.value = value ?? '';
  } else if (kind === 'checkbox') {
    input = h('input', { id, name, type: 'checkbox' });
    input.checked = Boolean(value);
  } else {
    input = h('input', {
      id, name, type: kind === 'password' ? 'password' : 'text', maxlength,
      placeholder: kind === 'date' ? 'hh/bb/tttt' : placeholder,
      inputmode: kind === 'date' || kind === 'number' ? 'numeric' : inputmode,
      autocomplete: 'off', spellcheck: false,
    });
    input.value = value ?? '';
  }
  input.setAttribute('aria-describedby', errorId);
  if (required) input.setAttribute('aria-required', 'true');
  const labelEl = h('label', { for: id }, label, required ? h('span', { class: 'req', title: 'wajib diisi' }, ' *') : null);
  const wrap = h('div', { class: `field${kind === 'checkbox' ? ' check' : ''}${width ? ` w-${width}` : ''}`, dataset: { field: name } },
    kind === 'checkbox' ? [input, labelEl] : [labelEl, input],
    hint ? h('div', { class: 'hint' }, hint) : null,
    h('div', { class: 'field-error', id: errorId, role: 'alert' }));
  return wrap;
}

/** Collects a form's values by field name; checkboxes give booleans. */
export function valuesOf(formEl) {
  const values = {};
  for (const el of formEl.querySelectorAll('[name]')) {
    values[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return values;
}

export function showFieldError(formEl, name, message) {
  const wrap = formEl.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrap) return false;
  wrap.classList.toggle('invalid', Boolean(message));
  wrap.querySelector('.field-error').textContent = message || '';
  const input = wrap.querySelector('[name]');
  if (input) input.setAttribute('aria-invalid', message ? 'true' : 'false');
  return true;
}

export function clearErrors(formEl) {
  for (const wrap of formEl.querySelectorAll('.field.invalid')) {
    showFieldError(formEl, wrap.dataset.field, '');
  }
  formEl.querySelector('.form-error')?.replaceChildren();
}

/** Puts each field error beside its field; the rest (or internal errors) above the buttons. */
export function showErrors(formEl, error) {
  const fields = error?.fields?.length ? error.fields : [];
  let first = null;
  const unplaced = [];
  for (const fe of fields) {
    if (showFieldError(formEl, fe.field, fe.message)) {
      first = first || formEl.querySelector(`[data-field="${CSS.escape(fe.field)}"] [name]`);
    } else {
      unplaced.push(fe.message);
    }
  }
  if (!fields.length) unplaced.push(messageOf(error));
  const banner = formEl.querySelector('.form-error');
  banner.replaceChildren(...unplaced.map((m) => h('div', {}, m)));
  if (first) first.focus();
}

function focusables(formEl) {
  return [...formEl.querySelectorAll('input, select, textarea')].filter((el) => !el.disabled && el.type !== 'hidden' && el.offsetParent !== null);
}

/**
 * Builds a form. onSubmit(values) saves and resolves with the result; check(values), if
 * given, validates without saving as the user leaves a field.
 */
export function form({ fields, submitLabel = 'Simpan', onSubmit, check, onCancel, cancelLabel = 'Batal', extra = [] }) {
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const actions = h('div', { class: 'actions' }, submit,
    onCancel ? h('button', { type: 'button', onclick: () => cancel() }, cancelLabel) : null, ...extra,
    h('span', { class: 'keys' }, `Enter: lanjut · Ctrl+Enter: ${submitLabel.toLowerCase()}${onCancel ? ' · Esc: batal' : ''}`));
  const formEl = h('form', { class: 'form', novalidate: true }, ...fields, h('div', { class: 'form-error', role: 'alert' }), actions);
  let saved = null;
  let saving = false;
  const snapshot = () => JSON.stringify(valuesOf(formEl));
  formEl.markClean = () => { saved = snapshot(); };
  formEl.isDirty = () => saved !== null && snapshot() !== saved;
  queueMicrotask(() => formEl.markClean());

  async function cancel() {
    if (formEl.isDirty() && !(await confirmDialog('Buang isian yang belum disimpan?', 'Buang'))) return;
    clearErrors(formEl);
    onCancel?.();
  }

  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saving) return;
    saving = true;
    submit.disabled = true;
    formEl.setAttribute('aria-busy', 'true');
    const label = submit.textContent;
    submit.textContent = 'Menyimpan…';
    clearErrors(formEl);
    try {
      await onSubmit(valuesOf(formEl));
      formEl.markClean();
    } catch (error) {
      showErrors(formEl, error);
      // A locked or ended session is the session module's to handle (lock screen, sign-in).
      if (String(error?.code).startsWith('auth.')) {
        window.dispatchEvent(new CustomEvent('loket-auth-error', { detail: error }));
      }
    } finally {
      saving = false;
      submit.disabled = false;
      submit.textContent = label;
      formEl.removeAttribute('aria-busy');
    }
  });

  formEl.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formEl.requestSubmit();
    } else if (event.key === 'Enter' && target.matches('input, select')) {
      event.preventDefault();
      const list = focusables(formEl);
      const index = list.indexOf(target);
      if (index === list.length - 1) formEl.requestSubmit();
      else list[index + 1].focus();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      cancel();
    }
  });

  if (check) {
    let lastChecked = null;
    // A field is checked once it has been typed in: leaving an untouched empty field (to
    // open a dialog, say) must not paint it red.
    formEl.addEventListener('input', (event) => { event.target.dataset.touched = '1'; });
    formEl.addEventListener('change', (event) => { event.target.dataset.touched = '1'; });
    formEl.addEventListener('focusout', async (event) => {
      const name = event.target.name;
      if (!name || saving || !event.target.dataset.touched) return;
      const values = valuesOf(formEl);
      const key = JSON.stringify(values);
      if (key === lastChecked && !formEl.querySelector(`[data-field="${CSS.escape(name)}"].invalid`)) return;
      lastChecked = key;
      try {
        await check(values);
        showFieldError(formEl, name, '');
      } catch (error) {
        const mine = (error?.fields || []).find((fe) => fe.field === name);
        showFieldError(formEl, name, mine ? mine.message : '');
      }
    });
  }
  return formEl;
}

/** Focuses the first field of a form once it is in the document. */
export function focusFirst(formEl) {
  requestAnimationFrame(() => focusables(formEl)[0]?.focus());
}
