// Forms on the front line (a static file: the Content-Security-Policy allows no inline script).
//
// - Drafts: what is typed in a form is kept in this browser (localStorage) until the server confirms
//   the save (core.middleware.FrontLineMiddleware: a header for htmx, a cookie after a redirect), so a
//   session that ended, a refused save or a lost connection loses nothing; the form shows the draft
//   again, says so, and offers to discard it. The key is the user's id and the form's address on the
//   site (ids only, never what was typed). Passwords and hidden fields are never kept. Logging out
//   deletes every draft in this browser (an office computer is shared); a draft not saved within
//   three days is deleted too.
// - A form being saved cannot be sent again: its submit buttons are disabled until the answer.
// - htmx forms: a refusal (400) is swapped in (htmx-config in base.html); its first error takes the
//   focus; a save keeps the focus in the form; an error the server could not show on the form is said
//   at the top of the form.
(() => {
  "use strict";

  const PREFIX = "tsunagu-draft:";
  const MAX_AGE_MS = 3 * 24 * 3600 * 1000;
  const SAVED_COOKIE = "tsunagu_draft_saved";
  const SAVED_HEADER = "Tsunagu-Draft-Saved";
  const DRAFT_FIELD = "_draft";
  const SKIPPED_TYPES = new Set(["hidden", "password", "submit", "button", "reset", "image", "file"]);
  const userId = document.body.dataset.userId || "";
  const strings = (document.getElementById("ui-strings") || document.body).dataset;
  const initialised = new WeakSet();
  const inFlight = new WeakSet();

  // ------------------------------------------------------------ storage

  const storage = (() => {
    try {
      const probe = `${PREFIX}probe`;
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch {
      return null; // private mode or storage refused: forms work, without drafts
    }
  })();

  const storageKey = (key) => `${PREFIX}${userId}:${key}`;

  function readDraft(key) {
    if (!storage) return null;
    try {
      const draft = JSON.parse(storage.getItem(storageKey(key)) || "null");
      return draft && Array.isArray(draft.f) ? draft : null;
    } catch {
      return null;
    }
  }

  function forget(key) {
    if (storage && key) storage.removeItem(storageKey(key));
  }

  function forgetAll() {
    if (!storage) return;
    Object.keys(storage)
      .filter((name) => name.startsWith(PREFIX))
      .forEach((name) => storage.removeItem(name));
  }

  function pruneOld() {
    if (!storage) return;
    const now = Date.now();
    Object.keys(storage)
      .filter((name) => name.startsWith(PREFIX))
      .forEach((name) => {
        try {
          const draft = JSON.parse(storage.getItem(name));
          if (!draft || !(now - draft.t < MAX_AGE_MS)) storage.removeItem(name);
        } catch {
          storage.removeItem(name);
        }
      });
  }

  function confirmedByCookie() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith(`${SAVED_COOKIE}=`));
    if (!cookie) return;
    try {
      forget(decodeURIComponent(cookie.slice(SAVED_COOKIE.length + 1)));
    } catch {
      // a malformed cookie: nothing to forget
    }
    document.cookie = `${SAVED_COOKIE}=; Max-Age=0; path=/; SameSite=Lax`;
  }

  // ------------------------------------------------------------ what a draft holds

  function isPost(form) {
    return (form.getAttribute("method") || "get").toLowerCase() === "post" || form.hasAttribute("hx-post");
  }

  function draftFields(form) {
    return Array.from(form.elements).filter(
      (element) =>
        element.name &&
        element.name !== DRAFT_FIELD &&
        ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName) &&
        !SKIPPED_TYPES.has(element.type)
    );
  }

  function draftable(form) {
    return (
      userId &&
      storage &&
      isPost(form) &&
      form.dataset.draft !== "off" &&
      !form.querySelector("input[type=password]") &&
      draftFields(form).length > 0
    );
  }

  // A form is known by the address it posts to and its place among the forms posting there.
  function formKey(form) {
    const action = form.getAttribute("hx-post") || form.getAttribute("action") || "";
    const path = new URL(action, window.location.href).pathname;
    const twins = Array.from(document.querySelectorAll("form")).filter(
      (other) =>
        new URL(other.getAttribute("hx-post") || other.getAttribute("action") || "", window.location.href)
          .pathname === path
    );
    return `${path}#${form.id || Math.max(0, twins.indexOf(form))}`;
  }

  function snapshot(form) {
    const seen = {};
    return draftFields(form).map((element) => {
      const index = (seen[element.name] = (seen[element.name] ?? -1) + 1);
      if (element.type === "checkbox" || element.type === "radio") {
        return { n: element.name, v: element.value, c: element.checked };
      }
      if (element.tagName === "SELECT" && element.multiple) {
        return { n: element.name, i: index, s: Array.from(element.selectedOptions, (o) => o.value) };
      }
      return { n: element.name, i: index, v: element.value };
    });
  }

  function restore(form, draft) {
    let changed = false;
    const seen = {};
    const byName = {};
    draft.f.forEach((entry) => (byName[entry.n] = byName[entry.n] || []).push(entry));
    draftFields(form).forEach((element) => {
      const index = (seen[element.name] = (seen[element.name] ?? -1) + 1);
      const entries = byName[element.name] || [];
      if (element.type === "checkbox" || element.type === "radio") {
        const entry = entries.find((e) => e.v === element.value && "c" in e);
        if (entry && element.checked !== entry.c) {
          element.checked = entry.c;
          changed = true;
        }
        return;
      }
      const entry = entries.find((e) => e.i === index);
      if (!entry) return;
      if (element.tagName === "SELECT" && element.multiple && Array.isArray(entry.s)) {
        Array.from(element.options).forEach((option) => {
          const selected = entry.s.includes(option.value);
          if (option.selected !== selected) {
            option.selected = selected;
            changed = true;
          }
        });
      } else if (typeof entry.v === "string" && element.value !== entry.v) {
        element.value = entry.v;
        changed = changed || element.value === entry.v; // an option that no longer exists is not restored
      }
    });
    return changed;
  }

  function save(form) {
    const key = form.dataset.draftKey;
    if (!key || !storage) return;
    try {
      storage.setItem(storageKey(key), JSON.stringify({ t: Date.now(), f: snapshot(form) }));
    } catch {
      // storage full or refused: the form still works
    }
  }

  // ------------------------------------------------------------ notices at the top of a form

  function notice(form, { text, role, kind, action }) {
    form.querySelectorAll(`:scope > .form-notice[data-kind="${kind}"]`).forEach((old) => old.remove());
    const box = document.createElement("div");
    box.className = `form-notice ${kind}`;
    box.dataset.kind = kind;
    box.setAttribute("role", role);
    const paragraph = document.createElement("p");
    paragraph.textContent = text;
    box.append(paragraph);
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary";
      button.textContent = action.label;
      button.addEventListener("click", () => action.run(box));
      box.append(button);
    }
    form.prepend(box);
    return box;
  }

  function showRestored(form) {
    notice(form, {
      text: strings.draftRestored || "",
      role: "status",
      kind: "draft",
      action: {
        label: strings.draftDiscard || "",
        run: (box) => {
          forget(form.dataset.draftKey);
          form.reset(); // back to what the page was drawn with
          box.remove();
          const first = draftFields(form).find((element) => element.offsetParent !== null);
          if (first) first.focus();
        },
      },
    });
  }

  // ------------------------------------------------------------ setting up the forms of a page or a swap

  function setUp(root) {
    const forms = root.tagName === "FORM" ? [root] : Array.from(root.querySelectorAll("form"));
    forms.forEach((form) => {
      if (initialised.has(form) || !draftable(form)) return;
      initialised.add(form);
      const key = formKey(form);
      form.dataset.draftKey = key;
      let marker = form.querySelector(`input[name="${DRAFT_FIELD}"]`);
      if (!marker) {
        marker = document.createElement("input");
        marker.type = "hidden";
        marker.name = DRAFT_FIELD;
        form.append(marker);
      }
      marker.value = key;
      const draft = readDraft(key);
      if (draft && restore(form, draft)) showRestored(form);
      form.addEventListener("input", () => save(form));
      form.addEventListener("change", () => save(form));
    });
  }

  // ------------------------------------------------------------ errors and focus

  function focusable(element) {
    if (!element.matches("a, button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  // The first error of a form under root: a field's own (its field takes the focus) or the form's.
  function focusFirstError(root) {
    const error = root.querySelector(
      "form .errorlist, form [aria-invalid=true], .rc-error-summary, form .form-notice.error"
    );
    if (!error) return false;
    if (error.matches("[aria-invalid=true]")) {
      error.focus();
      return true;
    }
    const container = error.matches(".nonfield, .rc-error-summary, .form-notice")
      ? null
      : error.closest(".field, fieldset, .rc-card, li, td");
    const field =
      container &&
      container.querySelector(
        "[aria-invalid=true], input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"
      );
    focusable(field || error);
    return true;
  }

  function focusAfterSave(target, action) {
    const autofocus = target.querySelector("[autofocus]");
    if (autofocus) {
      focusable(autofocus);
      return;
    }
    const form = Array.from(target.querySelectorAll("form")).find(
      (candidate) => (candidate.getAttribute("hx-post") || candidate.getAttribute("action")) === action
    );
    if (!form) return;
    const field =
      form.querySelector("[data-focus-after-save]") ||
      form.querySelector("textarea") ||
      draftFields(form).find((element) => element.offsetParent !== null);
    if (field) field.focus();
  }

  function serverError(form, status) {
    if (!form || !form.isConnected) return;
    const text = status
      ? (strings.serverError || "").replace("{status}", String(status))
      : strings.networkError || "";
    const box = notice(form, { text, role: "alert", kind: "error" });
    focusable(box);
  }

  // ------------------------------------------------------------ sending

  function submitButtons(form) {
    return Array.from(form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]"));
  }

  function setBusy(form, busy) {
    submitButtons(form).forEach((button) => {
      button.disabled = busy;
      if (busy) button.setAttribute("aria-busy", "true");
      else button.removeAttribute("aria-busy");
    });
  }

  // A full-page form: sent once; the buttons are disabled after the browser has read the one pressed
  // (a disabled button's name and value would not be sent).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !isPost(form)) return;
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    if (form.dataset.clearDrafts !== undefined) forgetAll();
    form.dataset.submitting = "1";
    window.setTimeout(() => setBusy(form, true), 0);
  });

  // Back from the browser's cache (the back button): the form may be sent again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-submitting]").forEach((form) => {
      delete form.dataset.submitting;
      setBusy(form, false);
    });
  });

  // htmx forms
  document.addEventListener("htmx:confirm", (event) => {
    if (event.detail.elt instanceof HTMLFormElement && inFlight.has(event.detail.elt)) event.preventDefault();
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (!(form instanceof HTMLFormElement)) return;
    inFlight.add(form);
    form.querySelectorAll(":scope > .form-notice.error").forEach((old) => old.remove());
    setBusy(form, true);
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (!(form instanceof HTMLFormElement)) return;
    inFlight.delete(form);
    if (form.isConnected) setBusy(form, false);
  });
  // Before htmx swaps the answer in or follows its HX-Redirect (a form already saved once).
  document.addEventListener("htmx:beforeOnLoad", (event) => {
    const saved = event.detail.xhr && event.detail.xhr.getResponseHeader(SAVED_HEADER);
    if (saved) forget(saved);
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    const { target, requestConfig } = event.detail;
    const elt = requestConfig && requestConfig.elt; // the form that was sent (detail.elt is what was swapped)
    if (!(elt instanceof HTMLFormElement) || requestConfig.verb === "get") return;
    if (!focusFirstError(target)) {
      focusAfterSave(target, elt.getAttribute("hx-post") || elt.getAttribute("action"));
    }
  });
  document.addEventListener("htmx:responseError", (event) => {
    const { elt, xhr } = event.detail;
    if (xhr && xhr.getResponseHeader("HX-Redirect")) return;
    serverError(elt instanceof HTMLFormElement ? elt : elt.closest && elt.closest("form"), xhr && xhr.status);
  });
  document.addEventListener("htmx:sendError", (event) => {
    const { elt } = event.detail;
    serverError(elt instanceof HTMLFormElement ? elt : elt.closest && elt.closest("form"), 0);
  });
  document.addEventListener("htmx:load", (event) => setUp(event.detail.elt));

  // ------------------------------------------------------------ the page

  pruneOld();
  confirmedByCookie();
  setUp(document);
  focusFirstError(document);
})();
