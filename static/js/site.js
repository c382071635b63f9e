// Small behaviours of the pages, kept out of the templates so that the Content Security Policy
// needs no 'unsafe-inline' for scripts (core/tests/test_security.py refuses inline scripts and handlers).
"use strict";

// <select data-sets-form-action>: the chosen option's value becomes its form's action (a form that
// posts to one of several addresses; without JavaScript it posts to the first option's).
document.addEventListener("change", function (event) {
  var select = event.target;
  if (select instanceof HTMLSelectElement && select.hasAttribute("data-sets-form-action") && select.form) {
    select.form.action = select.value;
  }
});
