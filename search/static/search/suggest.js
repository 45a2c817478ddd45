/*
 * Suggestions as you type: the ARIA 1.2 combobox with list autocomplete
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/), as progressive
 * enhancement. Without this script the field is a plain input and the form
 * works as before.
 *
 *   <input name="waar" data-suggest="waar" data-suggest-url="/zoeken/suggesties/">
 *
 * Keys in the field: ArrowDown/ArrowUp open the list and move through it,
 * Enter puts the active suggestion in the field (a second Enter sends the
 * form), Escape closes the list and keeps what was typed, Tab leaves.
 * The list never takes focus: the active option is announced through
 * aria-activedescendant, and a polite live region says how many there are.
 */

const MIN_LENGTH = 2;
const DELAY_MS = 150;

// Django's JavaScript catalogue (/jsi18n/, docs/languages.md) when it has
// loaded; the Dutch source text when it has not.
const gettext = (text) => (window.gettext ? window.gettext(text) : text);
function ngettext(one, many, count) {
  if (window.ngettext) return window.ngettext(one, many, count);
  return count === 1 ? one : many;
}

function label(count) {
  if (count === 0) return gettext("Geen suggesties");
  return ngettext("%(count)s suggestie", "%(count)s suggesties", count).replace(
    "%(count)s",
    String(count),
  );
}

class Combobox {
  constructor(input) {
    this.input = input;
    this.field = input.dataset.suggest;
    this.url = input.dataset.suggestUrl;
    this.options = [];
    this.active = -1;
    this.cache = new Map();
    this.timer = null;
    this.request = null;
    this.lastText = "";

    const id = input.id || `suggest-${this.field}`;
    const wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    this.list = document.createElement("ul");
    this.list.id = `${id}-suggesties`;
    this.list.className = "combobox__list";
    this.list.setAttribute("role", "listbox");
    // Not named after the field's label: "Waar?" would then name two things.
    this.list.setAttribute("aria-label", gettext("Suggesties"));
    this.list.hidden = true;
    wrapper.appendChild(this.list);

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    wrapper.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    // The browser's own autofill list would lie over ours.
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("blur", () => this.close());
    // Keep focus in the field when an option is clicked or tapped.
    this.list.addEventListener("mousedown", (event) => event.preventDefault());
    this.list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) this.choose(Number(option.dataset.index));
    });
  }

  text() {
    return this.input.value.trim();
  }

  schedule() {
    clearTimeout(this.timer);
    if (this.text().length < MIN_LENGTH) {
      this.close();
      this.render([]);
      return;
    }
    this.timer = setTimeout(() => this.load(), DELAY_MS);
  }

  async load() {
    const text = this.text();
    if (text.length < MIN_LENGTH) return;
    let suggestions = this.cache.get(text);
    if (!suggestions) {
      if (this.request) this.request.abort();
      this.request = new AbortController();
      const params = new URLSearchParams({ veld: this.field, q: text });
      try {
        const response = await fetch(`${this.url}?${params}`, {
          signal: this.request.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return; // no suggestions: the field still works
        suggestions = (await response.json()).suggestions || [];
      } catch (error) {
        return; // aborted by newer typing, or offline
      }
      this.cache.set(text, suggestions);
    }
    // Typing went on while we waited: that text has its own request.
    if (text !== this.text() || document.activeElement !== this.input) return;
    this.render(suggestions);
    if (suggestions.length) this.open();
    else this.close();
    this.announce(label(suggestions.length));
  }

  render(suggestions) {
    this.options = suggestions;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren(
      ...suggestions.map((suggestion, index) => {
        const option = document.createElement("li");
        option.id = `${this.list.id}-${index}`;
        option.className = "combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(index);
        const value = document.createElement("span");
        value.className = "combobox__value";
        value.textContent = suggestion.label || suggestion.value;
        // A Dutch title or name on a page in another language: read as Dutch.
        if (suggestion.lang) value.lang = suggestion.lang;
        const kind = document.createElement("span");
        kind.className = "combobox__kind";
        kind.textContent = suggestion.kind;
        const pause = document.createElement("span");
        pause.className = "visually-hidden";
        pause.textContent = ", ";
        option.append(value, pause, kind);
        return option;
      }),
    );
  }

  isOpen() {
    return !this.list.hidden;
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    clearTimeout(this.timer);
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  }

  announce(message) {
    // The same message twice in a row is not read again by every screen
    // reader: a no-break space makes it a change.
    this.status.textContent =
      this.status.textContent === message ? `${message}\u00a0` : message;
  }

  setActive(index) {
    const previous = this.list.children[this.active];
    if (previous) previous.setAttribute("aria-selected", "false");
    this.active = index;
    const option = this.list.children[index];
    if (option) {
      option.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  move(step) {
    const count = this.options.length;
    if (!count) return;
    if (!this.isOpen()) this.open();
    // From "none" down goes to the first, up to the last; both ends wrap.
    const start = this.active === -1 ? (step > 0 ? -1 : count) : this.active;
    this.setActive((start + step + count) % count);
  }

  choose(index) {
    const suggestion = this.options[index];
    if (!suggestion) return;
    this.input.value = suggestion.value;
    this.close();
    this.render([]);
    this.input.focus();
  }

  onKey(event) {
    if (event.altKey && event.key === "ArrowDown") {
      if (this.options.length) this.open();
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!this.options.length) {
          if (event.key === "ArrowDown") this.load();
          return;
        }
        event.preventDefault();
        this.move(event.key === "ArrowDown" ? 1 : -1);
        break;
      case "Enter":
        if (this.isOpen() && this.active !== -1) {
          event.preventDefault(); // choose; the next Enter sends the form
          this.choose(this.active);
        } else {
          this.close();
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close(); // what was typed stays
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  }
}

for (const input of document.querySelectorAll("input[data-suggest][data-suggest-url]")) {
  new Combobox(input);
}
