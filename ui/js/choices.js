// The value lists every form offers (what a letter is, statuses, instructions, urgencies, ID
// types, roles…), served by the core from its own tables so a form never offers a value the
// core would refuse. Loaded once before the first view is drawn; read synchronously after.
import * as api from './api.js';

let lists = null;

/** Asks the core once; every later call returns at once. */
export async function load() {
  lists ??= await api.choices();
  return lists;
}

/** One list as select options ({ value, label }), optionally after some of the view's own. */
export function listOf(name, ...before) {
  if (!lists) throw new Error(`daftar pilihan belum dimuat: ${name}`);
  return [...before, ...lists[name]];
}
