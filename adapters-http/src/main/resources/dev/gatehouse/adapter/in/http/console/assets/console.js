/* The signed-in console: API settings, account settings, members and the live audit log. */
'use strict';

(() => {
  const { el, api, copy, formatTime, formatShort } = Gatehouse;
  const content = document.getElementById('content');
  const toast = document.getElementById('toast');
  const page = window.location.pathname.replace(/\/+$/, '').split('/').pop();
  let session = null;
  let workspace = null;
  let expiryTimer = null;

  const PAGES = {
    clients: { title: 'API settings', render: renderClients },
    members: { title: 'Members', render: renderMembers },
    audit: { title: 'Audit log', render: renderAudit },
    account: { title: 'Account settings', render: renderAccount },
  };

  // ---- Small pieces ---------------------------------------------------------------------------------------

  let toastTimer = null;
  function notify(message) {
    toast.textContent = message;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 2600);
  }

  function isAdmin() {
    return workspace && (workspace.role === 'owner' || workspace.role === 'admin');
  }

  function header(title, description, ...actions) {
    return el('div', { class: 'page-header' },
      el('div', {}, el('h1', { text: title }), description ? el('p', { text: description }) : null),
      actions.length ? el('div', { class: 'page-actions' }, actions) : null);
  }

  function errorBox(message) {
    return el('div', { class: 'form-error', role: 'alert', text: message });
  }

  function copyButton(label, value, input) {
    const button = el('button', { type: 'button', class: 'button small', 'aria-label': label, text: 'Copy' });
    button.addEventListener('click', async () => {
      const ok = await copy(value(), input);
      button.textContent = ok ? 'Copied' : 'Select and copy';
      notify(ok ? 'Copied to the clipboard' : 'Copying is not allowed here; select the text and copy it');
      setTimeout(() => { button.textContent = 'Copy'; }, 2000);
    });
    return button;
  }

  /** Opens a modal dialog built by build(dialog, close); resolves with what close() was given. */
  function openDialog(labelId, build) {
    return new Promise((resolve) => {
      const dialog = el('dialog', { 'aria-labelledby': labelId });
      let result;
      const close = (value) => { result = value; dialog.close(); };
      dialog.append(...[build(dialog, close)].flat());
      dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
      document.body.append(dialog);
      dialog.showModal();
      const first = dialog.querySelector('[autofocus]') || dialog.querySelector('input, select, button');
      if (first) first.focus();
    });
  }

  /** A yes/no dialog; resolves true when confirmed. Extra fields may be passed and are read by the caller. */
  function confirmDialog({ title, body, confirmLabel, danger, fields }) {
    return openDialog('confirm-title', (dialog, close) => {
      const form = el('form', { method: 'dialog' },
        el('div', { class: 'dialog-body' },
          el('h2', { id: 'confirm-title', text: title }),
          el('p', { text: body }),
          fields || null),
        el('div', { class: 'dialog-actions' },
          el('button', { type: 'button', class: 'button', text: 'Cancel', onclick: () => close(false) }),
          el('button', { type: 'submit', class: `button ${danger ? 'danger' : 'primary'}`, text: confirmLabel })));
      form.addEventListener('submit', (event) => { event.preventDefault(); close(true); });
      return form;
    });
  }

  /** Shows a secret once, with Copy buttons and the warning that it will not be shown again. */
  function secretDialog({ title, intro, values }) {
    return openDialog('secret-title', (dialog, close) => {
      const rows = values.map(({ label, value, secret }, i) => {
        const id = `secret-value-${i}`;
        const input = el('input', { id, type: 'text', readonly: true, value, spellcheck: 'false', autocomplete: 'off' });
        input.addEventListener('focus', () => input.select());
        return el('div', { class: 'field' },
          el('label', { for: id, text: label }),
          el('div', { class: 'secret-row' }, input, copyButton(`Copy ${label.toLowerCase()}`, () => value, input)),
          secret ? null : null);
      });
      return [
        el('div', { class: 'dialog-body' },
          el('h2', { id: 'secret-title', text: title }),
          intro ? el('p', { text: intro }) : null,
          el('div', { class: 'stack' },
            el('p', { class: 'warning', role: 'note' }, 'Copy it now. It will not be accessible again.'),
            rows)),
        el('div', { class: 'dialog-actions' },
          el('button', { type: 'button', class: 'button primary', text: 'Done', onclick: () => close(true) })),
      ];
    });
  }

  // ---- API settings ---------------------------------------------------------------------------------------

  function parseList(text) {
    return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  }

  /** The form of a client's name, scopes and projects, shared by New and Edit. */
  function clientForm(client, submitLabel, onSubmit) {
    return openDialog('client-form-title', (dialog, close) => {
      const error = el('div', { class: 'form-error', role: 'alert', hidden: true });
      const name = el('input', { id: 'client-name', name: 'name', type: 'text', required: true, maxlength: 200, autofocus: true,
        value: client ? client.name : '', autocomplete: 'off' });
      const scopes = el('input', { id: 'client-scopes', name: 'scopes', type: 'text', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': 'client-scopes-hint', value: client ? client.scopes.join(' ') : '*' });
      const projects = el('input', { id: 'client-projects', name: 'projects', type: 'text', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': 'client-projects-hint', value: client && client.projects ? client.projects.join(' ') : '',
        placeholder: 'All projects' });
      const submit = el('button', { type: 'submit', class: 'button primary', text: submitLabel });
      const form = el('form', { novalidate: true },
        el('div', { class: 'dialog-body' },
          el('h2', { id: 'client-form-title', text: client ? `Edit ${client.name}` : 'New OAuth Client' }),
          el('div', { class: 'field' }, el('label', { for: 'client-name', text: 'Name' }), name),
          el('div', { class: 'field' }, el('label', { for: 'client-scopes', text: 'Scopes' }), scopes,
            el('span', { id: 'client-scopes-hint', class: 'hint', text: 'Separated by spaces, such as connect:* workspace:read. * allows everything.' })),
          el('div', { class: 'field' }, el('label', { for: 'client-projects', text: 'Projects (optional)' }), projects,
            el('span', { id: 'client-projects-hint', class: 'hint', text: 'Project ids (proj_…) this client is limited to. Leave empty for all projects.' })),
          error),
        el('div', { class: 'dialog-actions' },
          el('button', { type: 'button', class: 'button', text: 'Cancel', onclick: () => close(null) }),
          submit));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.hidden = true;
        if (!name.value.trim()) {
          error.textContent = 'Give the client a name.';
          error.hidden = false;
          name.focus();
          return;
        }
        const body = { name: name.value.trim(), scopes: parseList(scopes.value) };
        const list = parseList(projects.value);
        body.projects = list.length ? list : null;
        if (!body.scopes.length) body.scopes = ['*'];
        submit.disabled = true;
        try {
          close(await onSubmit(body));
        } catch (e) {
          error.textContent = e.message;
          error.hidden = false;
          submit.disabled = false;
        }
      });
      return form;
    });
  }

  function clientsPath(suffix = '') {
    return `/v1/workspaces/${encodeURIComponent(workspace.id)}/oauth_clients${suffix}`;
  }

  async function newClient() {
    const created = await clientForm(null, 'Create', async (body) => {
      if (body.projects === null) delete body.projects;
      return (await api('POST', clientsPath(), body)).data;
    });
    if (!created) return;
    await secretDialog({
      title: `${created.name} was created`,
      intro: 'Copy the client secret and keep it safe: your service needs it to get access tokens.',
      values: [
        { label: 'Client ID', value: created.client_id },
        { label: 'Client secret', value: created.client_secret, secret: true },
      ],
    });
    await loadClients();
  }

  async function editClient(client) {
    const updated = await clientForm(client, 'Save changes', async (body) =>
      (await api('PATCH', clientsPath(`/${encodeURIComponent(client.id)}`), body)).data);
    if (updated) {
      notify(`${updated.name} was saved`);
      await loadClients();
    }
  }

  async function rotateClient(client) {
    const grace = el('select', { id: 'rotate-grace', name: 'grace' },
      el('option', { value: '0', text: 'Stop the old secret now' }),
      el('option', { value: '300', text: 'Keep it for 5 minutes' }),
      el('option', { value: '3600', text: 'Keep it for 1 hour' }),
      el('option', { value: '86400', text: 'Keep it for 24 hours' }));
    const revoke = el('input', { id: 'rotate-revoke', type: 'checkbox' });
    const confirmed = await confirmDialog({
      title: 'Rotate client secret?',
      body: `${client.name} gets a new secret, shown once. Services using the old secret must be given the new one.`,
      confirmLabel: 'Rotate secret',
      fields: el('div', { class: 'stack' },
        el('div', { class: 'field' }, el('label', { for: 'rotate-grace', text: 'Grace period for the old secret' }), grace),
        el('label', { class: 'checkbox', for: 'rotate-revoke' }, revoke,
          el('span', { text: 'Also revoke the access tokens already issued to this client' }))),
    });
    if (!confirmed) return;
    try {
      const rotated = (await api('POST', clientsPath(`/${encodeURIComponent(client.id)}/rotate_secret`),
        { grace_period_seconds: Number(grace.value), revoke_tokens: revoke.checked })).data;
      await secretDialog({
        title: 'New client secret',
        intro: Number(grace.value) > 0 ? 'The old secret keeps working until its grace period ends.' : 'The old secret no longer works.',
        values: [
          { label: 'Client ID', value: rotated.client_id },
          { label: 'Client secret', value: rotated.client_secret, secret: true },
        ],
      });
    } catch (e) {
      notify(e.message);
    }
    await loadClients();
  }

  async function deleteClient(client) {
    const confirmed = await confirmDialog({
      title: `Delete ${client.name}?`,
      body: 'The client can get no more tokens, and the tokens it holds stop working at once. This cannot be undone.',
      confirmLabel: 'Delete client',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api('DELETE', clientsPath(`/${encodeURIComponent(client.id)}`));
      notify(`${client.name} was deleted`);
    } catch (e) {
      notify(e.message);
    }
    await loadClients();
  }

  /** The "…" menu of a row: a button and a menu of actions, usable with the keyboard. */
  function rowMenu(label, items) {
    const button = el('button', { type: 'button', class: 'button ghost icon', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      'aria-label': label, text: '…' });
    const menu = el('div', { class: 'menu', role: 'menu', hidden: true });
    const wrap = el('div', { class: 'menu-wrap' }, button, menu);
    const buttons = items.map((item) => el('button', { type: 'button', role: 'menuitem', tabindex: '-1',
      class: item.danger ? 'danger-item' : null, text: item.label }));
    menu.append(...buttons);
    const close = (focusButton) => {
      menu.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      document.removeEventListener('click', outside, true);
      window.removeEventListener('resize', dismiss);
      window.removeEventListener('scroll', dismiss, true);
      if (focusButton) button.focus();
    };
    const outside = (event) => { if (!wrap.contains(event.target)) close(false); };
    const dismiss = () => close(false);
    const open = () => {
      // Placed against the viewport, so that a scrolling table does not clip it.
      const place = button.getBoundingClientRect();
      menu.hidden = false;
      const below = place.bottom + 4 + menu.offsetHeight <= window.innerHeight;
      menu.style.top = `${below ? place.bottom + 4 : Math.max(4, place.top - 4 - menu.offsetHeight)}px`;
      menu.style.left = `${Math.max(8, place.right - menu.offsetWidth)}px`;
      button.setAttribute('aria-expanded', 'true');
      buttons[0].focus();
      document.addEventListener('click', outside, true);
      window.addEventListener('resize', dismiss);
      window.addEventListener('scroll', dismiss, true);
    };
    button.addEventListener('click', () => (menu.hidden ? open() : close(true)));
    button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') { event.preventDefault(); open(); }
    });
    buttons.forEach((b, i) => {
      b.addEventListener('click', () => { close(true); items[i].action(); });
      b.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowDown') { event.preventDefault(); buttons[(i + 1) % buttons.length].focus(); }
        else if (event.key === 'ArrowUp') { event.preventDefault(); buttons[(i - 1 + buttons.length) % buttons.length].focus(); }
        else if (event.key === 'Escape') { event.preventDefault(); close(true); }
        else if (event.key === 'Tab') { close(false); }
      });
    });
    return wrap;
  }

  function chips(values, emptyText) {
    if (!values || !values.length) return el('span', { class: 'chip plain', text: emptyText });
    return el('div', { class: 'chips' }, values.map((v) => el('span', { class: 'chip', text: v })));
  }

  let clientsCard = null;

  async function loadClients() {
    let clients;
    try {
      clients = (await api('GET', clientsPath())).data;
    } catch (e) {
      clientsCard.replaceChildren(el('div', { class: 'card-body' }, errorBox(e.message)));
      return;
    }
    if (!clients.length) {
      clientsCard.replaceChildren(el('div', { class: 'empty' },
        el('h2', { text: 'No OAuth clients yet' }),
        el('p', { text: 'Create a client to let a service get access tokens with the client credentials grant.' })));
      return;
    }
    const rows = clients.map((client) => {
      const idCode = el('code', { title: client.client_id, text: client.client_id });
      return el('tr', {},
        el('td', { class: 'cell-name', 'data-label': 'Name', text: client.name }),
        el('td', { 'data-label': 'Client ID' }, el('span', { class: 'id-cell' }, idCode,
          copyButton(`Copy the client ID of ${client.name}`, () => client.client_id))),
        el('td', { 'data-label': 'Scopes' }, chips(client.scopes, 'none')),
        el('td', { 'data-label': 'Projects' }, chips(client.projects, 'All projects')),
        el('td', { class: 'nowrap', 'data-label': 'Created', title: formatTime(client.created_at) }, formatShort(client.created_at)),
        el('td', { class: 'nowrap', 'data-label': 'Last used', title: client.last_used_at ? formatTime(client.last_used_at) : null },
          client.last_used_at ? formatShort(client.last_used_at) : 'Never'),
        el('td', { class: 'actions' }, rowMenu(`Actions for ${client.name}`, [
          { label: 'Rotate client secret', action: () => rotateClient(client) },
          { label: 'Edit', action: () => editClient(client) },
          { label: 'Delete', danger: true, action: () => deleteClient(client) },
        ])));
    });
    clientsCard.replaceChildren(el('div', { class: 'table-wrap' },
      el('table', { class: 'responsive' },
        el('caption', { class: 'visually-hidden', hidden: true, text: 'OAuth clients' }),
        el('thead', {}, el('tr', {},
          ['Name', 'Client ID', 'Scopes', 'Projects', 'Created', 'Last used'].map((h) => el('th', { scope: 'col', text: h })),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', hidden: true, text: 'Actions' })))),
        el('tbody', {}, rows))));
  }

  async function renderClients() {
    if (!isAdmin()) {
      content.replaceChildren(header('API settings', `OAuth clients of ${workspace.name}`),
        el('div', { class: 'notice', text: 'Only the workspace’s owner and admins can manage OAuth clients.' }));
      return;
    }
    clientsCard = el('section', { class: 'card', 'aria-label': 'OAuth clients' }, el('div', { class: 'card-body muted', text: 'Loading…' }));
    content.replaceChildren(
      header('API settings', `OAuth clients of ${workspace.name}. Services use them to get access tokens.`,
        el('button', { type: 'button', class: 'button primary', text: 'New OAuth Client', onclick: newClient })),
      clientsCard);
    await loadClients();
  }

  // ---- Account settings -----------------------------------------------------------------------------------

  async function revokeKey() {
    const confirmed = await confirmDialog({
      title: 'Revoke your API key?',
      body: 'Your current key stops working at once, on every server. A new key is made and shown once.',
      confirmLabel: 'Revoke and make a new key',
      danger: true,
    });
    if (!confirmed) return;
    try {
      const next = (await api('POST', '/v1/users/me/api_key/revoke')).data;
      await secretDialog({
        title: 'Your new API key',
        intro: 'The old key no longer works. Use this one from now on.',
        values: [{ label: 'API key', value: next.api_key, secret: true }],
      });
    } catch (e) {
      notify(e.message);
    }
    await refreshSession();
    renderAccount();
  }

  function renderAccount() {
    const key = session.api_key;
    content.replaceChildren(
      header('Account settings', 'Your profile, your API key and your workspaces.'),
      el('section', { class: 'card', 'aria-labelledby': 'key-title' },
        el('div', { class: 'card-header' }, el('div', {}, el('h2', { id: 'key-title', text: 'API key' }),
          el('p', { text: 'Your key acts as you on the API and the command line. Only its hash is stored, so it cannot be shown again.' }))),
        el('div', { class: 'card-body' },
          el('div', { class: 'key-display' },
            el('div', {},
              el('code', { 'aria-label': 'API key, masked', text: key ? key.masked : 'No key' }),
              key ? el('p', { class: 'hint', text: `Created ${formatTime(key.created_at)}` }) : null),
            el('button', { type: 'button', class: 'button danger-outline', text: 'Revoke', onclick: revokeKey })))),
      el('section', { class: 'card', 'aria-labelledby': 'profile-title' },
        el('div', { class: 'card-header' }, el('h2', { id: 'profile-title', text: 'Profile' })),
        el('div', { class: 'card-body' },
          el('dl', { class: 'props' },
            el('dt', { text: 'Email' }), el('dd', { text: session.user.email }),
            el('dt', { text: 'Username' }), el('dd', { text: session.user.username }),
            el('dt', { text: 'User ID' }), el('dd', {}, el('code', { text: session.user.id }))))),
      el('section', { class: 'card', 'aria-labelledby': 'workspaces-title' },
        el('div', { class: 'card-header' }, el('h2', { id: 'workspaces-title', text: 'Workspaces' })),
        el('div', { class: 'card-body' },
          el('dl', { class: 'props' }, session.workspaces.flatMap((w) => [
            el('dt', {}, el('span', { class: `badge ${w.role}`, text: w.role })),
            el('dd', {}, `${w.name} `, el('code', { class: 'muted', text: w.id }))])))));
  }

  // ---- Members --------------------------------------------------------------------------------------------

  function membersPath(suffix = '') {
    return `/v1/workspaces/${encodeURIComponent(workspace.id)}/members${suffix}`;
  }

  let membersCard = null;

  async function loadMembers() {
    let members;
    try {
      members = (await api('GET', membersPath())).data;
    } catch (e) {
      membersCard.replaceChildren(el('div', { class: 'card-body' }, errorBox(e.message)));
      return;
    }
    const rows = members.map((m) => {
      const self = m.user_id === session.user.id;
      let roleCell;
      if (m.role === 'owner' || self) {
        roleCell = el('span', { class: `badge ${m.role}`, text: m.role });
      } else {
        const select = el('select', { 'aria-label': `Role of ${m.email}` },
          ['admin', 'member'].map((r) => el('option', { value: r, text: r.charAt(0).toUpperCase() + r.slice(1), selected: r === m.role })));
        select.addEventListener('change', async () => {
          try {
            await api('PATCH', membersPath(`/${encodeURIComponent(m.user_id)}`), { role: select.value });
            notify(`${m.email} is now ${select.value === 'admin' ? 'an admin' : 'a member'}`);
          } catch (e) {
            notify(e.message);
          }
          await loadMembers();
        });
        roleCell = select;
      }
      const remove = m.role === 'owner' || self ? null : el('button', { type: 'button', class: 'button small danger-outline',
        'aria-label': `Remove ${m.email}`, text: 'Remove', onclick: async () => {
          const ok = await confirmDialog({ title: `Remove ${m.email}?`, body: 'They lose access to this workspace at once.',
            confirmLabel: 'Remove member', danger: true });
          if (!ok) return;
          try {
            await api('DELETE', membersPath(`/${encodeURIComponent(m.user_id)}`));
            notify(`${m.email} was removed`);
          } catch (e) {
            notify(e.message);
          }
          await loadMembers();
        } });
      return el('tr', {},
        el('td', { class: 'cell-name', 'data-label': 'Email', text: m.email }),
        el('td', { 'data-label': 'Username', text: m.username }),
        el('td', { 'data-label': 'Role' }, roleCell),
        el('td', { class: 'actions' }, remove));
    });
    membersCard.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { class: 'responsive' },
      el('thead', {}, el('tr', {}, ['Email', 'Username', 'Role'].map((h) => el('th', { scope: 'col', text: h })),
        el('th', { scope: 'col' }, el('span', { hidden: true, text: 'Actions' })))),
      el('tbody', {}, rows))));
  }

  async function renderMembers() {
    if (!isAdmin()) {
      content.replaceChildren(header('Members', `People in ${workspace.name}`),
        el('div', { class: 'notice', text: 'Only the workspace’s owner and admins can see and manage members.' }));
      return;
    }
    const email = el('input', { id: 'invite-email', type: 'email', required: true, autocomplete: 'off', placeholder: 'name@example.com' });
    const role = el('select', { id: 'invite-role' },
      el('option', { value: 'member', text: 'Member' }), el('option', { value: 'admin', text: 'Admin' }));
    const error = el('div', { class: 'form-error', role: 'alert', hidden: true });
    const submit = el('button', { type: 'submit', class: 'button primary', text: 'Invite' });
    const form = el('form', { class: 'invite-form', novalidate: true },
      el('div', { class: 'field' }, el('label', { for: 'invite-email', text: 'Email' }), email),
      el('div', { class: 'field' }, el('label', { for: 'invite-role', text: 'Role' }), role),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      if (!email.value.trim()) {
        error.textContent = 'Enter the email address of the person to invite.';
        error.hidden = false;
        email.focus();
        return;
      }
      submit.disabled = true;
      try {
        const added = (await api('POST', membersPath(), { email: email.value.trim(), role: role.value })).data;
        email.value = '';
        if (added.password) {
          await secretDialog({
            title: `${added.email} was added`,
            intro: 'Give them these first credentials over a channel you trust. They sign in to the console with the password.',
            values: [
              { label: 'Email', value: added.email },
              { label: 'Password', value: added.password, secret: true },
              { label: 'API key', value: added.api_key, secret: true },
            ],
          });
        } else {
          notify(`${added.email} was added`);
        }
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      } finally {
        submit.disabled = false;
      }
      await loadMembers();
    });
    membersCard = el('section', { class: 'card', 'aria-labelledby': 'members-title' },
      el('div', { class: 'card-body muted', text: 'Loading…' }));
    content.replaceChildren(
      header('Members', `People who can use ${workspace.name}.`),
      el('section', { class: 'card', 'aria-labelledby': 'invite-title' },
        el('div', { class: 'card-header' }, el('div', {}, el('h2', { id: 'invite-title', text: 'Invite a member' }),
          el('p', { text: 'A new user gets a password and an API key, shown to you once.' }))),
        el('div', { class: 'card-body' }, form, error)),
      el('h2', { id: 'members-title', class: 'visually-hidden', hidden: true, text: 'Members' }),
      membersCard);
    await loadMembers();
  }

  // ---- Audit ----------------------------------------------------------------------------------------------

  const EVENT_NAMES = {
    'workspace.bootstrapped': 'Workspace created',
    'oauth_client.created': 'OAuth client created',
    'oauth_client.updated': 'OAuth client changed',
    'oauth_client.secret_rotated': 'Client secret rotated',
    'oauth_client.deleted': 'OAuth client deleted',
    'oauth_client.authentication_failed': 'Failed client authentications',
    'api_key.revoked': 'API key revoked',
    'access_token.revoked': 'Access token revoked',
    'member.added': 'Member added',
    'member.removed': 'Member removed',
    'member.role_changed': 'Member role changed',
    'member.ownership_transferred': 'Ownership transferred',
    'project.created': 'Project created',
    'project.updated': 'Project changed',
    'project.deleted': 'Project deleted',
  };

  function renderAudit() {
    if (!isAdmin()) {
      content.replaceChildren(header('Audit log', `Security events of ${workspace.name}`),
        el('div', { class: 'notice', text: 'Only the workspace’s owner and admins can read the audit log.' }));
      return;
    }
    const status = el('span', { class: 'live', role: 'status', 'aria-live': 'polite', text: 'Connecting…' });
    const feed = el('ol', { class: 'feed', 'aria-label': 'Audit events, newest first' });
    const empty = el('div', { class: 'empty' }, el('h2', { text: 'Waiting for events' }),
      el('p', { text: 'Security events of this workspace appear here as they happen, without reloading the page.' }));
    content.replaceChildren(
      header('Audit log', `Security events of ${workspace.name}, live.`, status),
      el('section', { class: 'card', 'aria-label': 'Audit events' }, empty, feed));
    const seen = new Set();
    let connections = 0;
    const connect = () => {
      const source = new EventSource(`/v1/workspaces/${encodeURIComponent(workspace.id)}/audit/sse`, { withCredentials: true });
      source.addEventListener('open', () => {
        connections += 1;
        status.dataset.connections = String(connections);
        status.textContent = 'Live';
        status.className = 'live on';
      });
      source.addEventListener('message', (message) => {
        if (seen.has(message.lastEventId)) return;
        seen.add(message.lastEventId);
        let data;
        try { data = JSON.parse(message.data); } catch (e) { return; }
        const event = data.event || {};
        const details = Object.entries(event).filter(([k]) => !['type', 'workspace_id', 'at'].includes(k));
        empty.hidden = true;
        feed.prepend(el('li', { class: 'fresh' },
          el('time', { datetime: new Date(data.ts).toISOString(), text: new Date(data.ts).toLocaleString() }),
          el('div', {},
            el('div', { class: 'event-type', text: EVENT_NAMES[event.type] || event.type }),
            el('div', { class: 'event-details' }, el('span', {}, el('code', { text: event.type })),
              details.map(([k, v]) => el('span', { text: `${k.replace(/_/g, ' ')}: ${v}` }))))));
      });
      source.addEventListener('error', async () => {
        status.textContent = 'Reconnecting…';
        status.className = 'live off';
        if (source.readyState === EventSource.CLOSED) {
          // The browser gave up (an error status): check the session, then start over.
          try {
            await refreshSession();
            setTimeout(connect, 2000);
          } catch (e) { /* the session ended: api() redirects to sign-in */ }
        }
        // Otherwise the browser reconnects by itself and sends Last-Event-ID, so nothing is missed.
      });
    };
    connect();
  }

  // ---- Session --------------------------------------------------------------------------------------------

  async function refreshSession() {
    session = (await api('GET', '/console/api/session')).data;
    Gatehouse.setCsrfToken(session.csrf_token);
    workspace = session.workspaces[0] || null;
    document.getElementById('whoami-email').textContent = session.user.email;
    document.getElementById('workspace-name').textContent = workspace ? workspace.name : '';
    scheduleExpiryCheck();
  }

  /** When the session would end if idle, ask the server; a 401 then goes to the sign-in page. */
  function scheduleExpiryCheck() {
    clearTimeout(expiryTimer);
    if (!session.expires_at) return;
    const wait = Math.max(5000, new Date(session.expires_at).getTime() - Date.now() + 1000);
    expiryTimer = setTimeout(() => { refreshSession().catch(() => {}); }, Math.min(wait, 2 ** 31 - 1));
  }

  async function signOut() {
    try {
      await api('DELETE', '/console/api/session');
    } finally {
      window.location.assign('/console/login?signed_out=1');
    }
  }

  async function start() {
    const navToggle = document.getElementById('nav-toggle');
    const navPanel = document.getElementById('nav-panel');
    navToggle.addEventListener('click', () => {
      const open = navPanel.classList.toggle('open');
      navToggle.setAttribute('aria-expanded', String(open));
    });
    document.getElementById('sign-out').addEventListener('click', signOut);
    for (const link of document.querySelectorAll('.nav a')) {
      if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    }
    const current = PAGES[page] || PAGES.clients;
    document.title = `${current.title} · Gatehouse console`;
    try {
      await refreshSession();
    } catch (e) {
      return;
    }
    if (!workspace) {
      content.replaceChildren(header(current.title, null), el('div', { class: 'notice', text: 'You are not a member of any workspace.' }));
      return;
    }
    await current.render();
  }

  start();
})();
