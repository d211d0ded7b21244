// Dates as the office writes them. The core sends ISO dates (yyyy-mm-dd); forms use dd/mm/yyyy.
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
  'September', 'Oktober', 'November', 'Desember'];

/** '2026-11-28' → '28/11/2026' */
export function isoToTyped(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** '2026-11-28' → '28 November 2026' */
export function isoToLong(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Today's date in WITA (UTC+8) as dd/mm/yyyy, for default values. */
export function todayTyped() {
  const wita = new Date(Date.now() + 8 * 3600 * 1000);
  const dd = String(wita.getUTCDate()).padStart(2, '0');
  const mm = String(wita.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${wita.getUTCFullYear()}`;
}

/** An instant (UTC ISO) shown in WITA: '28 November 2026 14.05' */
export function instantToWita(iso) {
  const wita = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  const hh = String(wita.getUTCHours()).padStart(2, '0');
  const mi = String(wita.getUTCMinutes()).padStart(2, '0');
  return `${wita.getUTCDate()} ${MONTHS[wita.getUTCMonth()]} ${wita.getUTCFullYear()} ${hh}.${mi}`;
}

/** An instant as the two fields staff type: ['30/11/2026', '09.15'] in WITA. */
export function instantToTypedWita(iso) {
  const wita = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return [`${two(wita.getUTCDate())}/${two(wita.getUTCMonth() + 1)}/${wita.getUTCFullYear()}`,
    `${two(wita.getUTCHours())}.${two(wita.getUTCMinutes())}`];
}

/** Today's date in WITA as yyyy-mm-dd, to compare with dates from the core. */
export function todayIso() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
