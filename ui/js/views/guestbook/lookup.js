// Returning visitors found as you type: three or more characters of the name, the NIK or
// the phone number bring up suggestions; picking one fills the form and links the visit to
// the stored person (whose NIK stays masked).
import * as api from '../../api.js';
import { h, clear } from '../../dom.js';

const WATCHED = ['name', 'id_number', 'phone'];

export function attachLookup(formEl, { suggestions, picked, personId }) {
  let timer;
  let lastQuery = '';
  let asked = 0;

  const hide = () => { suggestions.hidden = true; clear(suggestions); };

  async function search(query) {
    const ticket = ++asked;
    let people = [];
    try {
      people = await api.peopleLookup(query);
    } catch {
      people = [];
    }
    // Only the newest answer counts: typing on must not be overtaken by an older reply.
    if (ticket !== asked) return;
    clear(suggestions);
    const linked = Number(personId.value || 0);
    const shown = people.filter((p) => p.id !== linked);
    if (!shown.length) { suggestions.hidden = true; return; }
    for (const person of shown) {
      suggestions.append(h('li', { role: 'option' }, h('button', {
        type: 'button', class: 'suggestion', dataset: { person: person.id },
        onclick: () => pick(person),
        onkeydown: (e) => move(e),
      },
      h('strong', {}, person.name),
      h('span', { class: 'muted' }, ` · ${person.id_type_label} ${person.id_number_masked}`),
      person.phone ? h('span', { class: 'muted' }, ` · ${person.phone}`) : null,
      h('span', { class: 'muted small' }, ` · ${person.visit_count} kunjungan, terakhir ${person.last_visit ? person.last_visit.split('-').reverse().join('/') : '-'}`))));
    }
    suggestions.hidden = false;
  }

  function move(event) {
    const items = [...suggestions.querySelectorAll('button')];
    const index = items.indexOf(event.target);
    if (event.key === 'ArrowDown') { event.preventDefault(); items[Math.min(index + 1, items.length - 1)].focus(); }
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index <= 0) formEl.querySelector('[name=name]').focus();
      else items[index - 1].focus();
    }
    if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); hide(); formEl.querySelector('[name=name]').focus(); }
  }

  function set(name, value) {
    const input = formEl.querySelector(`[name=${name}]`);
    input.value = value ?? '';
    input.dispatchEvent(new Event('change'));
  }

  function pick(person) {
    personId.value = String(person.id);
    set('name', person.name);
    set('id_type', person.id_type);
    set('id_number', person.id_number_masked);
    set('phone', person.phone);
    set('address', person.address);
    set('institution', person.institution);
    hide();
    clear(picked).append(
      `Tamu lama: ${person.name} (${person.visit_count} kunjungan). Data yang diubah di sini ikut diperbarui. `,
      h('button', { type: 'button', class: 'link', id: 'unlink-visitor', onclick: unlink }, 'Bukan orang ini'));
    picked.hidden = false;
    formEl.querySelector('[name=purpose_category]').focus();
    formEl.dispatchEvent(new CustomEvent('visitor-picked', { detail: person }));
  }

  function unlink() {
    personId.value = '';
    picked.hidden = true;
    formEl.dispatchEvent(new CustomEvent('visitor-picked', { detail: null }));
    for (const name of ['name', 'id_number', 'phone', 'address', 'institution']) set(name, '');
    formEl.querySelector('[name=name]').focus();
  }

  for (const name of WATCHED) {
    const input = formEl.querySelector(`[name=${name}]`);
    input.addEventListener('input', () => {
      const query = input.value.trim();
      clearTimeout(timer);
      if (query.length < 3 || query.includes('*')) { if (query !== lastQuery) hide(); lastQuery = query; return; }
      lastQuery = query;
      timer = setTimeout(() => search(query), 150);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' && !suggestions.hidden) {
        event.preventDefault();
        suggestions.querySelector('button')?.focus();
      } else if (event.key === 'Escape' && !suggestions.hidden) {
        event.preventDefault();
        event.stopPropagation();
        hide();
      }
    });
  }
}
