// Progressive enhancement only: every page works without this file. It adds copy buttons,
// confirmations before destructive forms, submitting the language picker on change, and a live
// portal preview on the organization page.
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
  // The portal preview follows the colour and the name as they are typed (the server renders it
  // on "Preview" and after saving without this). CSSOM, not a style attribute: allowed by the CSP.
  var preview = document.querySelector('.portal-preview');
  if (preview) {
    var colour = document.getElementById('brand_color');
    var names = [document.getElementById('display_name'), document.getElementById('name')];
    var label = preview.querySelector('[data-preview-name]');
    if (colour) {
      colour.addEventListener('input', function () {
        if (/^#[0-9a-fA-F]{6}$/.test(colour.value.trim()))
          preview.style.setProperty('--preview-brand', colour.value.trim());
      });
    }
    names.forEach(function (field) {
      if (!field || !label) return;
      field.addEventListener('input', function () {
        var shown =
          names[0] && names[0].value.trim() ? names[0].value.trim() : names[1].value.trim();
        if (shown) label.textContent = shown;
      });
    });
  }
})();
