/* Shared helpers of the Gatehouse console: DOM building, the API client, copying. No inline code anywhere. */
'use strict';

const Gatehouse = (() => {
  /** Builds an element: el('td', {class: 'x', 'data-label': 'Name'}, 'text', child). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else if (value === true) node.setAttribute(key, '');
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  let csrfToken = null;
  let onSessionEnded = () => window.location.assign('/console/login?ended=1');

  /** Calls the REST API with the session cookie; changes carry the CSRF token. A 401 means the session ended. */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let response;
    try {
      response = await fetch(path, {
        method, headers, credentials: 'same-origin', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
    }
    if (response.status === 401) {
      onSessionEnded();
      throw new ApiError(401, 'Your session has ended. Sign in again.');
    }
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    if (!response.ok) {
      const message = data && data.error ? data.error : `The request failed (${response.status}).`;
      throw new ApiError(response.status, message.charAt(0).toUpperCase() + message.slice(1));
    }
    return data;
  }

  /** Copies text, with a fallback for browsers without the asynchronous clipboard. */
  async function copy(text, input) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (e) { /* fall back below */ }
    if (input) {
      input.focus();
      input.select();
      try { return document.execCommand('copy'); } catch (e) { return false; }
    }
    return false;
  }

  function formatTime(value) {
    if (!value) return '—';
    const date = typeof value === 'number' ? new Date(value) : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  /** A short time for tables: "Nov 28, 14:05", with the year when it is not this year. */
  function formatShort(value) {
    if (!value) return '—';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    const options = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
    if (date.getFullYear() !== new Date().getFullYear()) options.year = 'numeric';
    return date.toLocaleString(undefined, options);
  }

  return {
    el, api, copy, formatTime, formatShort, ApiError,
    setCsrfToken(token) { csrfToken = token; },
    onSessionEnded(handler) { onSessionEnded = handler; },
  };
})();
