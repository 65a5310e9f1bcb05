// OpenOCS proof-of-work solver (ALTCHA v1 wire format), served from our own origin.
// It takes the challenge the page embeds (data-challengejson; the page GET and the POST are
// then the only round trips), or fetches one when none is embedded, finds the number n with SHA-256(salt + n) = challenge using the
// browser's Web Crypto, and puts the base64 solution into the hidden "altcha" field. The work
// runs in short asynchronous steps, so typing is never blocked, and the result is announced
// politely to screen readers. Without JavaScript (or Web Crypto) the form still works: the
// server then relies on the one-time form token, a minimum fill time and per-address limits.
(function () {
  "use strict";
  var form = document.querySelector("form.sign");
  var summary = document.getElementById("error-summary") || document.getElementById("notice");
  if (summary) { summary.focus(); }
  if (!form || !window.crypto || !window.crypto.subtle || !window.fetch || !window.TextEncoder) { return; }
  var field = document.getElementById("altcha");
  var status = document.getElementById("proof-status");
  function say(key) { if (status) { status.textContent = status.getAttribute("data-" + key) || ""; } }
  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = "";
    for (var i = 0; i < bytes.length; i++) { out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    return out;
  }
  var encoder = new TextEncoder();
  async function solve(challenge) {
    for (var n = 0; n <= challenge.maxnumber; n++) {
      var digest = await window.crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) { return n; }
    }
    return null;
  }
  function challenge() {
    var embedded = form.getAttribute("data-challengejson");
    if (embedded) {
      // Used once: a page shown again after an error embeds a fresh one.
      form.removeAttribute("data-challengejson");
      try { return Promise.resolve(JSON.parse(embedded)); } catch (e) { /* fetch below */ }
    }
    return fetch(form.getAttribute("data-challenge"), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error("challenge " + r.status); } return r.json(); });
  }
  say("working");
  challenge()
    .then(function (challenge) {
      return solve(challenge).then(function (number) {
        if (number === null) { throw new Error("unsolved"); }
        field.value = btoa(JSON.stringify({
          algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
          salt: challenge.salt, signature: challenge.signature
        }));
        say("done");
      });
    })
    .catch(function () { field.value = ""; say("failed"); });
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    // Prevents a double click from sending twice; a reload still shows the page again.
    if (button) { setTimeout(function () { button.disabled = true; }, 0); }
  });
})();
