/* sphinxext-seml: filter a list in the page (the :filters: option, seml_html_filters).
 *
 * Each <div class="seml-filters"> the build wrote (empty and hidden) gets a text box,
 * a live count, a "clear" button and toggle chips for the facets it lists; the entries
 * it filters are the elements whose data-seml-filter names its id. Within a facet the
 * chips pressed are alternatives (any of them), across facets and words all must hold.
 * The state goes into the URL fragment, #seml-filter=q:word;flag:must-read, the second
 * box on the page as seml-filter-2=..., joined by "&", so a shared link restores it.
 * Without JavaScript nothing here runs: every entry shows and no control does.
 */
(() => {
  "use strict";

  const PREFIX = "seml-filter";
  // The class of what the filters hide, whatever display a theme gives it.
  const OUT = "seml-filtered-out";
  const BATCH = 100;
  const FACETS = ["flag", "category", "type", "year"];
  const DATA = { flag: "semlFlags", category: "semlCategory", type: "semlType", year: "semlYear" };

  // As the build folds the entries' text: case and accents ignored.
  const fold = (text) =>
    text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss");
  const words = (text) => fold(text).split(/\s+/).filter(Boolean);
  const element = (tag, props, ...children) => {
    const el = document.createElement(tag);
    Object.assign(el, props);
    el.append(...children);
    return el;
  };

  class FilterBox {
    constructor(box, name) {
      this.box = box;
      this.name = name;
      this.labels = JSON.parse(box.dataset.semlLabels || "{}");
      this.facets = JSON.parse(box.dataset.semlFacets || "[]");
      this.query = "";
      this.pressed = Object.fromEntries(FACETS.map((f) => [f, new Set()]));
      const selector = `[data-seml-filter="${CSS.escape(box.id)}"]`;
      this.entries = [...document.querySelectorAll(selector)].map((node) => {
        const entry = { node, text: node.dataset.semlText || "", shown: true };
        for (const facet of FACETS) {
          entry[facet] = (node.dataset[DATA[facet]] || "").split(" ").filter(Boolean);
        }
        return entry;
      });
      this.sections = this.categorySections();
      this.build();
    }

    // seml-catalogue: each category's section, with the entries inside it, so that a
    // section with none left shown hides (its heading too).
    categorySections() {
      const sections = new Map();
      for (const entry of this.entries) {
        let section = entry.node.closest("section.seml-category");
        while (section) {
          if (!sections.has(section)) sections.set(section, []);
          sections.get(section).push(entry);
          section = section.parentElement.closest("section.seml-category");
        }
      }
      return [...sections];
    }

    build() {
      const { box, labels } = this;
      box.setAttribute("role", "search");
      box.setAttribute("aria-label", labels.region || "");
      this.input = element("input", {
        type: "search",
        className: "seml-filter-text",
        placeholder: labels.placeholder || "",
        autocomplete: "off",
        spellcheck: false,
      });
      this.input.setAttribute("aria-label", labels.search || "");
      this.input.addEventListener("input", () => {
        this.query = this.input.value;
        this.changed();
      });
      this.count = element("output", { className: "seml-filter-count" });
      this.count.setAttribute("aria-live", "polite");
      const clear = element("button", { type: "button", className: "seml-filter-clear" },
        labels.clear || "Clear");
      clear.addEventListener("click", () => {
        this.set("");
        this.changed();
      });
      box.append(element("div", { className: "seml-filter-bar" }, this.input, this.count, clear));
      this.chips = [];
      for (const [facet, values] of this.facets) {
        const id = `${box.id}-${facet}`;
        const label = element("span", { className: "seml-filter-label", id }, labels[facet] || facet);
        const group = element("div", { className: "seml-filter-group" }, label);
        group.setAttribute("role", "group");
        group.setAttribute("aria-labelledby", id);
        for (const [value, text] of values) {
          const chip = element("button", { type: "button", className: "seml-chip" }, text);
          chip.dataset.facet = facet;
          chip.dataset.value = value;
          chip.setAttribute("aria-pressed", "false");
          chip.addEventListener("click", () => {
            const set = this.pressed[facet];
            if (!set.delete(value)) set.add(value);
            this.changed();
          });
          group.append(" ", chip);
          this.chips.push(chip);
        }
        box.append(group);
      }
      box.hidden = false;
      this.apply();
    }

    matches(entry, terms) {
      for (const term of terms) if (!entry.text.includes(term)) return false;
      for (const facet of FACETS) {
        const pressed = this.pressed[facet];
        if (pressed.size && !entry[facet].some((v) => pressed.has(v))) return false;
      }
      return true;
    }

    apply() {
      const terms = words(this.query);
      let shown = 0;
      const changed = [];
      for (const entry of this.entries) {
        const match = this.matches(entry, terms);
        if (match) shown += 1;
        if (match !== entry.shown) {
          entry.shown = match;
          changed.push(entry);
        }
      }
      // Many at once: out of the document while they change. Chromium otherwise takes
      // seconds to hide a long run of neighbours (1.7 s for 3,750 of 5,000 list items,
      // a quarter of a second this way, the layout included).
      const lists = changed.length > BATCH ? [...new Set(changed.map((e) => e.node.parentNode))] : [];
      const marks = lists.map((list) => {
        const mark = document.createComment("");
        list.replaceWith(mark);
        return mark;
      });
      for (const entry of changed) entry.node.classList.toggle(OUT, !entry.shown);
      marks.forEach((mark, i) => mark.replaceWith(lists[i]));
      for (const [section, inside] of this.sections) {
        const hide = !inside.some((e) => e.shown);
        if (section.classList.contains(OUT) !== hide) section.classList.toggle(OUT, hide);
      }
      for (const chip of this.chips) {
        const on = this.pressed[chip.dataset.facet].has(chip.dataset.value);
        chip.setAttribute("aria-pressed", String(on));
      }
      if (this.input.value !== this.query) this.input.value = this.query;
      this.count.textContent = (this.labels.count || "%(shown)s / %(total)s")
        .replace("%(shown)s", String(shown))
        .replace("%(total)s", String(this.entries.length));
      this.box.dataset.semlShown = String(shown);
    }

    changed() {
      this.apply();
      writeFragment();
    }

    // The state as the fragment holds it ("" when nothing is set), and back.
    state() {
      const parts = this.query ? [`q:${encodeURIComponent(this.query)}`] : [];
      for (const chip of this.chips) {
        const { facet, value } = chip.dataset;
        if (this.pressed[facet].has(value)) parts.push(`${facet}:${encodeURIComponent(value)}`);
      }
      return parts.join(";");
    }

    set(state) {
      this.query = "";
      for (const facet of FACETS) this.pressed[facet].clear();
      for (const part of state.split(";")) {
        const colon = part.indexOf(":");
        if (colon < 0) continue;
        const key = part.slice(0, colon);
        let value;
        try {
          value = decodeURIComponent(part.slice(colon + 1));
        } catch {
          continue; // a mangled link: leave that part out
        }
        if (key === "q") this.query = value;
        else if (this.pressed[key]) this.pressed[key].add(value);
      }
    }

    hides(target) {
      return this.entries.some((e) => !e.shown && e.node.contains(target))
        || this.sections.some(([s]) => s.classList.contains(OUT) && s.contains(target));
    }
  }

  const boxes = [];

  const readFragment = () => {
    const states = new Map();
    for (const part of location.hash.slice(1).split("&")) {
      const equals = part.indexOf("=");
      if (equals > 0 && part.startsWith(PREFIX)) states.set(part.slice(0, equals), part.slice(equals + 1));
    }
    return states;
  };

  function writeFragment() {
    const parts = boxes.map((b) => [b.name, b.state()]).filter(([, s]) => s).map(([n, s]) => `${n}=${s}`);
    const url = parts.length ? `#${parts.join("&")}` : location.pathname + location.search;
    history.replaceState(history.state, "", url);
  }

  const restore = () => {
    const states = readFragment();
    if (states.size) {
      for (const box of boxes) {
        box.set(states.get(box.name) || "");
        box.apply();
      }
      return;
    }
    // A link to an entry the filters hide: show everything in that list again.
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    for (const box of boxes) {
      if (target && box.hides(target)) {
        box.set("");
        box.apply();
        target.scrollIntoView();
      }
    }
  };

  const start = () => {
    document.querySelectorAll("div.seml-filters[data-seml-facets]").forEach((box, i) => {
      boxes.push(new FilterBox(box, i ? `${PREFIX}-${i + 1}` : PREFIX));
    });
    if (boxes.length) {
      restore();
      addEventListener("hashchange", restore);
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
