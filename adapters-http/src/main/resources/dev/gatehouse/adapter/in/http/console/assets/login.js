/* The sign-in page: posts the email and password as JSON and goes to the console. */
'use strict';

(() => {
  const form = document.getElementById('signin-form');
  const error = document.getElementById('signin-error');
  const notice = document.getElementById('signin-notice');
  const params = new URLSearchParams(window.location.search);
  if (params.has('ended')) {
    notice.textContent = 'Your session has ended. Sign in again to continue.';
    notice.hidden = false;
  } else if (params.has('failed')) {
    error.textContent = 'The email or password is not correct.';
    error.hidden = false;
  } else if (params.has('throttled')) {
    error.textContent = 'Too many failed sign-ins. Wait a minute and try again.';
    error.hidden = false;
  } else if (params.has('signed_out')) {
    notice.textContent = 'You have signed out.';
    notice.classList.add('info');
    notice.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const email = form.email.value.trim();
    const password = form.password.value;
    if (!email || !password) {
      error.textContent = 'Enter your email and password.';
      error.hidden = false;
      (email ? form.password : form.email).focus();
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const response = await fetch('/console/api/session', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (response.ok) {
        window.location.assign('/console/clients');
        return;
      }
      let message = 'Sign-in failed. Try again.';
      if (response.status === 401) message = 'The email or password is not correct.';
      else if (response.status === 429) {
        const wait = response.headers.get('Retry-After');
        message = `Too many failed sign-ins. Wait ${wait ? wait + ' seconds' : 'a minute'} and try again.`;
      }
      error.textContent = message;
      error.hidden = false;
      form.password.value = '';
      form.password.focus();
    } catch (e) {
      error.textContent = 'The server cannot be reached. Check your connection and try again.';
      error.hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });
})();
