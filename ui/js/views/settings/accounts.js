// Akun Pengguna: staff accounts (created, changed, disabled, given a temporary password;
// never deleted) and the idle-lock time.
import * as api from '../../api.js';
import { h, clear, toast } from '../../dom.js';
import { field, form, focusFirst } from '../../forms.js';
import * as session from '../../session.js';
import { openFresh } from '../../revision.js';
import { listOf } from '../../choices.js';


export async function render(panel) {
  const [officials, startup] = await Promise.all([api.officials(), api.startup()]);
  const officialOptions = [{ value: '', label: '— tidak ditautkan —' }, ...officials.map((o) => ({ value: String(o.id), label: `${o.name} — ${o.position}` }))];
  const listBox = h('section', { class: 'card' });
  const editor = h('section', { class: 'card' });
  panel.append(h('div', { class: 'grid-2' }, listBox, h('div', {}, editor, idleCard(startup.idle_minutes))));

  let list = [];
  async function reload() {
    list = await api.accounts();
    clear(listBox).append(
      h('div', { class: 'card-head' }, h('h2', {}, `Akun pengguna (${list.length})`),
        h('button', { type: 'button', id: 'account-add', onclick: () => edit(null) }, 'Tambah akun')),
      h('table', { class: 'list clickable', id: 'account-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Nama pengguna'), h('th', {}, 'Nama'), h('th', {}, 'Peran'), h('th', {}, 'Status'))),
        h('tbody', {}, list.map((a) => h('tr', { tabindex: 0, onclick: () => edit(a), onkeydown: (e) => { if (e.key === 'Enter') edit(a); } },
          h('td', { class: 'mono' }, a.username), h('td', {}, a.full_name), h('td', {}, a.role_label),
          h('td', {}, a.active ? (a.locked_until ? h('span', { class: 'pill bad' }, 'terkunci sementara') : 'Aktif') : 'Nonaktif',
            a.must_change_password ? h('div', { class: 'small muted' }, 'harus ganti sandi') : null))))));
  }

  async function edit(chosen) {
    const fresh = await openFresh('account', chosen, reload);
    if (!fresh) return;
    const { seen } = fresh;
    const account = chosen && (list.find((a) => a.id === chosen.id) || chosen);
    const formEl = form({
      submitLabel: account ? 'Simpan perubahan' : 'Buat akun',
      fields: [
        field({ name: 'username', label: 'Nama pengguna', required: true, value: account?.username || '', maxlength: 32 }),
        field({ name: 'full_name', label: 'Nama lengkap', required: true, value: account?.full_name || '', maxlength: 120 }),
        field({ name: 'role', label: 'Peran', kind: 'select', value: account?.role || 'resepsionis', options: listOf('roles') }),
        field({ name: 'official_id', label: 'Data pejabat (wajib untuk peran Pejabat)', kind: 'select', value: String(account?.official_id ?? ''), options: officialOptions }),
        account ? field({ name: 'active', label: 'Aktif', kind: 'checkbox', value: account.active })
          : field({ name: 'password', label: 'Kata sandi awal', kind: 'password', required: true, hint: 'Pemilik akun wajib menggantinya saat pertama masuk.' }),
      ],
      onCancel: () => edit(null),
      onSubmit: async (v) => {
        const input = { username: v.username, full_name: v.full_name, role: v.role,
          official_id: v.official_id === '' ? null : Number(v.official_id), active: account ? v.active : true, password: v.password || '', seen: account ? seen : null };
        const saved = account ? await api.accountUpdate(account.id, input) : await api.accountCreate(input);
        toast(`Akun ${saved.username} tersimpan.`);
        await reload();
        edit(null);
      },
    });
    clear(editor).append(h('h2', {}, account ? `Ubah akun ${account.username}` : 'Akun baru'), formEl);
    if (account) editor.append(resetForm(account));
    focusFirst(formEl);
  }

  function resetForm(account) {
    return h('div', { class: 'subsection' }, h('h3', {}, 'Atur ulang kata sandi'), form({
      submitLabel: 'Atur ulang',
      fields: [field({ name: 'password', label: 'Kata sandi sementara', kind: 'password', required: true })],
      onSubmit: async (v) => {
        await api.accountResetPassword(account.id, v.password);
        toast(`Kata sandi ${account.username} diatur ulang; ia harus menggantinya saat masuk.`);
        await reload();
      },
    }));
  }

  await reload();
  edit(null);
}

function idleCard(minutes) {
  return h('section', { class: 'card' }, h('h2', {}, 'Kunci layar otomatis'), form({
    submitLabel: 'Simpan',
    fields: [field({ name: 'idle_minutes', label: 'Kunci setelah tidak ada kegiatan (menit)', kind: 'number', value: String(minutes), width: 's' })],
    onSubmit: async (v) => {
      const saved = await api.idleMinutesSave(v.idle_minutes);
      session.setIdleMinutes(saved);
      toast(`Layar terkunci setelah ${saved} menit tanpa kegiatan.`);
    },
  }));
}
