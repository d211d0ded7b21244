// Opening a form on a record another desk may change meanwhile.
import * as api from './api.js';
import { toast, messageOf } from './dom.js';
import * as session from './session.js';

/**
 * The record's revision first, then the record read anew (`reload(id)`): a change made by
 * another desk since the list was drawn is in the form, and one made after is caught at
 * save. Resolves to `{ seen }` (`seen` null for a new record), or to null when the reading
 * failed, its error already shown.
 */
export async function openFresh(entity, chosen, reload) {
  if (!chosen) return { seen: null };
  try {
    const seen = await api.revision(entity, chosen.id);
    await reload(chosen.id);
    return { seen };
  } catch (error) {
    if (!session.handleAuthError(error)) toast(messageOf(error), 'error');
    return null;
  }
}
