// The only caller of invoke(): one function per command. Errors arrive as
// {code, message, field, fields} with the message in Indonesian.
const { invoke } = window.__TAURI__.core;

export const startup = () => invoke('startup');
export const dashboard = () => invoke('dashboard');
export const deadlineFor = (channel, received) => invoke('deadline_for', { channel, received });

export const letterheadCurrent = () => invoke('letterhead_current');
export const letterheadVersions = () => invoke('letterhead_versions');
export const letterheadCheck = (input) => invoke('letterhead_check', { input });
export const letterheadSave = (input) => invoke('letterhead_save', { input });
export const emblemPreview = (path) => invoke('emblem_preview', { path });

export const channels = () => invoke('channels');
export const channelDeadlinesSave = (inputs) => invoke('channel_deadlines_save', { inputs });
export const numbering = () => invoke('numbering');
export const numberingSave = (input) => invoke('numbering_save', { input });
export const classificationCodes = () => invoke('classification_codes');
export const classificationSave = (input) => invoke('classification_save', { input });
export const classificationImport = (path) => invoke('classification_import', { path });

export const units = () => invoke('units');
export const unitSave = (id, input) => invoke('unit_save', { id, input });
export const ranks = () => invoke('ranks');
export const officials = () => invoke('officials');
export const officialCheck = (id, input) => invoke('official_check', { id, input });
export const officialSave = (id, input) => invoke('official_save', { id, input });
export const actingAdd = (input) => invoke('acting_add', { input });
export const actingRemove = (id) => invoke('acting_remove', { id });

export const holidays = (year) => invoke('holidays', { year });
export const holidaySave = (input, replacing) => invoke('holiday_save', { input, replacing });
export const holidayDelete = (date) => invoke('holiday_delete', { date });
export const holidaysImport = (path) => invoke('holidays_import', { path });

/** Asks for one file with the system dialog; null when the user cancels. */
export async function pickFile(title, extensions) {
  const path = await window.__TAURI__.dialog.open({
    title,
    multiple: false,
    directory: false,
    filters: [{ name: extensions.join(', ').toUpperCase(), extensions }],
  });
  return path || null;
}

export const firstAdminCreate = (input) => invoke('first_admin_create', { input });
export const signIn = (username, password) => invoke('sign_in', { username, password });
export const signOut = () => invoke('sign_out');
export const sessionLock = () => invoke('session_lock');
export const sessionTouch = () => invoke('session_touch');
export const sessionUnlock = (password) => invoke('session_unlock', { password });
export const passwordChange = (current, next) => invoke('password_change', { current, new: next });
export const accounts = () => invoke('accounts');
export const accountCreate = (input) => invoke('account_create', { input });
export const accountUpdate = (id, input) => invoke('account_update', { id, input });
export const accountResetPassword = (id, password) => invoke('account_reset_password', { id, password });
export const idleMinutesSave = (value) => invoke('idle_minutes_save', { value });
export const auditSearch = (filter) => invoke('audit_search', { filter });
export const auditVerify = () => invoke('audit_verify');
export const auditStartupCheck = () => invoke('audit_startup_check');
export const backupDefaultName = () => invoke('backup_default_name');
export const backupCreate = (path) => invoke('backup_create', { path });
export const backupRestore = (path) => invoke('backup_restore', { path });
export const backupFolder = () => invoke('backup_folder');
export const backupFolderSave = (path) => invoke('backup_folder_save', { path });

/** Asks where to save a file; null when the user cancels. */
export async function pickSavePath(title, defaultPath, extensions) {
  const path = await window.__TAURI__.dialog.save({
    title, defaultPath, filters: [{ name: extensions.join(', ').toUpperCase(), extensions }],
  });
  return path || null;
}

/** Asks for a folder; null when the user cancels. */
export async function pickFolder(title) {
  const path = await window.__TAURI__.dialog.open({ title, directory: true, multiple: false });
  return path || null;
}
