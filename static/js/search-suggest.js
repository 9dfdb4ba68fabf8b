/*
 * Search suggestions as a WAI-ARIA combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
 *
 * Progressive enhancement: every form[data-suggest-url] is a plain GET search form that works
 * without JavaScript. With it, typing two or more characters asks the server for a few titles
 * (JSON) and lists them under the input: arrow keys move through them, Enter opens the one
 * chosen, Escape closes the list. The texts come from the form's data- attributes, which the
 * template translates.
 */
(function () {
  "use strict";

  if (!window.fetch || !document.querySelectorAll) {
    return;
  }

  function enhance(form) {
    var input = form.querySelector("input[type=search]");
    if (!input || !input.id) {
      return;
    }
    var endpoint = form.getAttribute("data-suggest-url");
    var listbox = document.createElement("ul");
    var status = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    listbox.id = input.id + "-suggestions";
    listbox.className = "suggest";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "");
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.classList.add("has-suggest");
    form.appendChild(listbox);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (items.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function select(index) {
      var options = listbox.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        if (options[index].scrollIntoView) {
          options[index].scrollIntoView({ block: "nearest" });
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) {
        window.location.href = items[index].url;
      }
    }

    function render(results) {
      items = results;
      listbox.textContent = "";
      active = -1;
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        var kind = document.createElement("span");
        option.id = listbox.id + "-" + index;
        option.className = "suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        title.className = "suggest__title";
        title.textContent = result.title;
        kind.className = "suggest__type";
        kind.textContent = result.type;
        option.appendChild(title);
        option.appendChild(kind);
        // mousedown would blur the input and close the list before the click lands.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(index); });
        listbox.appendChild(option);
      });
      if (results.length) {
        open();
        status.textContent = (form.getAttribute("data-suggest-count") || "")
          .replace("%(count)s", String(results.length));
      } else {
        close();
        status.textContent = form.getAttribute("data-suggest-none") || "";
      }
      input.removeAttribute("aria-activedescendant");
    }

    function load(query) {
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller && controller.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data.results || []);
          }
        })
        .catch(function () { /* a failed suggestion leaves the plain form working */ });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      window.clearTimeout(timer);
      if (query.length < 2) {
        items = [];
        close();
        return;
      }
      timer = window.setTimeout(function () { load(query); }, 200);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!items.length) { return; }
        event.preventDefault();
        if (listbox.hidden) { open(); }
        select(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!items.length) { return; }
        event.preventDefault();
        if (listbox.hidden) { open(); }
        select(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        } else {
          input.value = "";
        }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  var forms = document.querySelectorAll("form[data-suggest-url]");
  for (var i = 0; i < forms.length; i++) {
    enhance(forms[i]);
  }
})();
