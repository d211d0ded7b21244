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
let choicesOnce = null;
/** The value lists every form offers (kinds, statuses, instructions…), from the core; asked once. */
export const choices = () => (choicesOnce ??= invoke('choices').catch((e) => { choicesOnce = null; throw e; }));
export const channelDeadlinesSave = (inputs) => invoke('channel_deadlines_save', { inputs });
export const closingTime = () => invoke('closing_time');
export const closingTimeSave = (value) => invoke('closing_time_save', { value });
export const attachmentMaxMb = () => invoke('attachment_max_mb');
export const attachmentMaxMbSave = (value) => invoke('attachment_max_mb_save', { value });
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
export const auditAcceptEnd = (shown) => invoke('audit_accept_end', { shown });
export const auditStartupCheck = () => invoke('audit_startup_check');
export const backupDefaultName = () => invoke('backup_default_name');
export const backupCreate = (path) => invoke('backup_create', { path });
export const backupRestore = (path) => invoke('backup_restore', { path });
export const backupFolder = () => invoke('backup_folder');
export const backupFolderSave = (path) => invoke('backup_folder_save', { path });
export const databaseCurrent = () => invoke('database_current');
export const databaseTest = (input) => invoke('database_test', { input });
export const databaseSave = (choice) => invoke('database_save', { choice });
export const databaseMove = (input) => invoke('database_move', { input });
export const appRestart = () => invoke('app_restart');
/** A record's revision as a form opens it; sent back with the save, so a save over someone
 *  else's later change is refused (naming who and when) instead of overwriting it. */
export const revision = (entity, id) => invoke('revision', { entity, id });

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

export const guestbookToday = () => invoke('guestbook_today');
export const visit = (id) => invoke('visit', { id });
export const visitCheck = (input) => invoke('visit_check', { input });
export const visitRegister = (input) => invoke('visit_register', { input });
export const visitRoute = (id, input) => invoke('visit_route', { id, input });
export const visitStartMeeting = (id) => invoke('visit_start_meeting', { id });
export const visitOutcome = (id, input) => invoke('visit_outcome', { id, input });
export const visitCheckOut = (id, input) => invoke('visit_check_out', { id, input });
export const cardReturn = (id, returnedTo) => invoke('card_return', { id, returnedTo });
export const cardsHeld = () => invoke('cards_held');
export const closeDay = (kind, reason) => invoke('close_day', { kind, reason });
export const peopleLookup = (query) => invoke('people_lookup', { query });
export const visitsSearch = (filter) => invoke('visits_search', { filter });
export const personHistory = (id) => invoke('person_history', { id });
export const revealIdNumber = (id) => invoke('reveal_id_number', { id });
export const personCorrect = (id, input) => invoke('person_correct', { id, input });
/** With a path: saved there; without: opened in the system's PDF viewer. */
export const guestbookRegisterPdf = (day, path = null) => invoke('guestbook_register_pdf', { day, path });
export const personExportPdf = (id, path = null) => invoke('person_export_pdf', { id, path });
export const retentionPreview = () => invoke('retention_preview');
export const retentionMonthsSave = (months) => invoke('retention_months_save', { months });
export const retentionApply = (cutoff, people) => invoke('retention_apply', { cutoff, people });
export const appCloseWithReason = (reason) => invoke('app_close_with_reason', { reason });

/** Asks for scanned files (PDF, JPEG, PNG); an empty list when the user cancels. */
export async function pickScans(title) {
  const picked = await window.__TAURI__.dialog.open({
    title, multiple: true, directory: false,
    filters: [{ name: 'PDF, JPEG, PNG', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }],
  });
  if (!picked) return [];
  return Array.isArray(picked) ? picked : [picked];
}

export const letterCheck = (input) => invoke('letter_check', { input });
export const letterRegister = (input, complaint, files) => invoke('letter_register', { input, complaint, files });
export const letter = (id) => invoke('letter', { id });
export const letters = (filter) => invoke('letters', { filter });
export const attachmentAdd = (letterId, caseId, path) => invoke('attachment_add', { letterId, caseId, path });
export const attachmentOpen = (id) => invoke('attachment_open', { id });
export const caseCheck = (input) => invoke('case_check', { input });
export const caseRegister = (input) => invoke('case_register', { input });
export const boxOpenings = () => invoke('box_openings');
export const boxOpeningRecord = (input) => invoke('box_opening_record', { input });
export const caseReopen = (id, reason) => invoke('case_reopen', { id, reason });
export const caseContactAdd = (id, input) => invoke('case_contact_add', { id, input });
export const dispositionQueue = () => invoke('disposition_queue');
export const replyDispatch = (id, input) => invoke('reply_dispatch', { id, input });
export const dispatches = (filter) => invoke('dispatches', { filter });
export const dispatchBookPdf = (filter, path) => invoke('dispatch_book_pdf', { filter, path });
export const visitorsWaiting = () => invoke('visitors_waiting');
export const openFollowUps = (personId) => invoke('open_follow_ups', { personId });
export const channelContactsSave = (inputs) => invoke('channel_contacts_save', { inputs });
export const caseFile = (id) => invoke('case_file', { id });
export const cases = (filter) => invoke('cases', { filter });
export const caseStatus = (id, to, note) => invoke('case_status', { id, to, note });
export const caseAnswer = (id, input) => invoke('case_answer', { id, input });
export const caseRefer = (id, agency) => invoke('case_refer', { id, agency });
export const caseReceiptPdf = (id, path) => invoke('case_receipt_pdf', { id, path });
export const dispose = (input, onPaper) => invoke('dispose', { input, onPaper });
export const dispositionRead = (id) => invoke('disposition_read', { id });
export const dispositionReport = (id, report) => invoke('disposition_report', { id, report });
export const dispositionInbox = () => invoke('disposition_inbox');
export const search = (query) => invoke('search', { query });

export const replyTemplates = () => invoke('reply_templates');
export const replyTemplateSave = (id, input) => invoke('reply_template_save', { id, input });
export const letterSetup = () => invoke('letter_setup');
export const letterSetupSave = (input) => invoke('letter_setup_save', { input });
export const replySigners = () => invoke('reply_signers');
export const replyInbox = () => invoke('reply_inbox');
export const replyFile = (id) => invoke('reply_file', { id });
export const replyCreate = (caseId, templateCode) => invoke('reply_create', { caseId, templateCode });
export const replySave = (id, input) => invoke('reply_save', { id, input });
export const replySubmit = (id) => invoke('reply_submit', { id });
export const replyInitial = (id) => invoke('reply_initial', { id });
export const replyWithdraw = (id) => invoke('reply_withdraw', { id });
export const replyReturn = (id, note) => invoke('reply_return', { id, note });
export const replySign = (id) => invoke('reply_sign', { id });
export const replyCancel = (id, reason) => invoke('reply_cancel', { id, reason });
export const replyCompare = (id, a, b) => invoke('reply_compare', { id, a, b });
export const replyPdf = (id, officeCopy, path) => invoke('reply_pdf', { id, officeCopy, path });
export const outgoingLetters = (filter) => invoke('outgoing_letters', { filter });
export const outgoingRegisterPdf = (filter, path) => invoke('outgoing_register_pdf', { filter, path });
export const incomingRegisterPdf = (filter, path) => invoke('incoming_register_pdf', { filter, path });
export const dispositionSheetPdf = (letterId, halfFolio, path) => invoke('disposition_sheet_pdf', { letterId, halfFolio, path });
export const recap = (input) => invoke('recap', { input });
export const recapList = (input, query) => invoke('recap_list', { input, query });
export const recapPdf = (input, path) => invoke('recap_pdf', { input, path });
export const exportRun = (job, request, path) => invoke('export_run', { job, request, path });
export const exportCancel = (job) => invoke('export_cancel', { job });
