// Progressive enhancement only: every page works without this file. It adds copy buttons,
// confirmations before destructive forms, and submitting the language picker on change.
(function () {
  'use strict';
  document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source || !window.navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = source.value !== undefined ? source.value : source.textContent;
      window.navigator.clipboard.writeText(text.trim()).then(function () {
        button.setAttribute('data-copied', 'true');
      });
    });
  });
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () {
      select.form.submit();
    });
  });
})();
