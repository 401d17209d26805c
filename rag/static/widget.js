/*
 * UN disarmament documents — a chat widget any page can embed with one script tag:
 *
 *   <script src="https://rag.example.org/widget.js" data-api="https://rag.example.org"
 *           data-title="Ask the disarmament reports" data-lang="auto" data-api-key="…" defer></script>
 *
 * data-api      the API base (default: the directory this script was loaded from)
 * data-title    the panel title
 * data-lang     ar | zh | en | fr | ru | es | auto (default: the page's <html lang>, then the browser's language);
 *               once a question is answered, the interface speaks the conversation's language
 * data-api-key  sent as X-API-Key on every request, when present
 *
 * Plain JavaScript, no build step. Everything lives in a <un-rag-widget> element's shadow root, so the host
 * page's CSS and the widget's never meet. Text from the model or the documents only ever reaches the page
 * through textContent and createElement: the widget never writes HTML, and never makes a link or a citation
 * chip out of such text — chips come from the service's own citation markers only.
 *
 * GET /widget.js (rag/api/routes/widget.py) serves this file with its bundle in place of the slot below: the
 * interface strings (rag/static/strings/<lang>.json, one file per language), the style sheet
 * (rag/static/widget.css) and the API's limits on a question.
 */
(() => {
  "use strict";

  const TAG = "un-rag-widget";
  if (window.customElements.get(TAG)) return; // the script was included twice

  const script =
    document.currentScript || Array.from(document.querySelectorAll('script[src*="widget.js"]')).pop() || null;

  const BUNDLE = /*BUNDLE*/ null;
  if (!BUNDLE) throw new Error(`${TAG}: serve this script through GET /widget.js, which puts its strings in`);
  const STRINGS = BUNDLE.strings; // {en: {...}, ar: {...}, …}: every language falls back to English
  const STYLE = BUNDLE.style;
  const LIMITS = BUNDLE.limits; // {question, historyTurns, turnChars, body}: what /v1/ask accepts
  const MAX_STORED_MESSAGES = 40;
  const NEAR_LIMIT = 0.8; // the counter shows from this share of the question's limit

  // --- configuration ------------------------------------------------------------------------------------

  /** The interface language `wanted` stands for ("ar-EG" → "ar"), or null when the widget does not speak it. */
  function supported(wanted) {
    const primary = String(wanted || "").trim().toLowerCase().split(/[-_]/)[0];
    return Object.prototype.hasOwnProperty.call(STRINGS, primary) ? primary : null;
  }

  function pickLanguage(wanted) {
    const candidates = [];
    if (wanted && wanted.toLowerCase() !== "auto") candidates.push(wanted);
    candidates.push(document.documentElement.getAttribute("lang") || "");
    for (const lang of navigator.languages || [navigator.language || ""]) candidates.push(lang);
    for (const candidate of candidates) {
      const lang = supported(candidate);
      if (lang) return lang;
    }
    return "en";
  }

  function readConfig(element) {
    const data = element ? element.dataset : {};
    const here = element && element.src ? element.src : document.baseURI;
    let api;
    try {
      api = new URL(data.api || ".", here).href;
    } catch (_) {
      api = new URL(".", document.baseURI).href;
    }
    return {
      api: api.replace(/\/+$/, ""),
      apiKey: data.apiKey || null,
      lang: pickLanguage(data.lang),
      title: data.title || null, // null: the title in the interface's language
    };
  }

  // --- strings --------------------------------------------------------------------------------------------

  const translations = new Map();

  /** The strings of `lang` (English where a file lacks one), with `lang` itself and its writing direction. */
  function strings(lang) {
    lang = supported(lang) || "en";
    if (!translations.has(lang)) {
      const t = { ...STRINGS.en, ...STRINGS[lang], lang };
      t.dir = t.dir === "rtl" ? "rtl" : "ltr";
      translations.set(lang, t);
    }
    return translations.get(lang);
  }

  /** Fills "{name}" in string `key` of `t`; a string with plural forms ({one, few, other…}) is chosen by `n`. */
  function fmt(t, key, values = {}) {
    let text = t[key];
    if (text && typeof text === "object") {
      let form = "other";
      try {
        form = new Intl.PluralRules(t.lang).select(values.n);
      } catch (_) {
        form = "other";
      }
      text = text[form] ?? text.other;
    }
    return String(text ?? key).replace(/\{(\w+)\}/g, (whole, name) =>
      Object.prototype.hasOwnProperty.call(values, name) ? number(t, values[name]) : whole,
    );
  }

  /** Numbers in the interface's conventions ("5,000", "5 000"), always in Latin digits as the answers use. */
  function number(t, value) {
    if (typeof value !== "number") return String(value);
    try {
      return new Intl.NumberFormat(t.lang, { numberingSystem: "latn" }).format(value);
    } catch (_) {
      return String(value);
    }
  }

  /** Characters as the API counts them (code points, after trimming). */
  function length(text) {
    return [...String(text).trim()].length;
  }

  // --- small DOM helpers (text only: nothing here parses HTML) ---------------------------------------------

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "hidden") node.hidden = Boolean(value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  const ICONS = {
    chat: ["M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"],
    close: ["M18 6 6 18", "M6 6l12 12"],
    plus: ["M12 5v14", "M5 12h14"],
    send: ["M22 2 11 13", "M22 2l-7 20-4-9-9-4z"],
    back: ["M19 12H5", "M12 19l-7-7 7-7"],
    copy: ["M9 9h11v11H9z", "M5 15H4V4h11v1"],
    check: ["M20 6 9 17l-5-5"],
    up: [
      "M7 10v11",
      "M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8a2 2 0 0 1-1.9 1.4H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.7-1.1L12 2a3.1 3.1 0 0 1 3 3.9z",
    ],
  };
  const DIRECTIONAL = new Set(["send", "back"]); // arrows that point the other way in a right-to-left interface

  function icon(name, flip) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", DIRECTIONAL.has(name) ? "icon directional" : "icon");
    const group = document.createElementNS(ns, "g");
    if (flip) group.setAttribute("transform", "matrix(1 0 0 -1 0 24)");
    for (const d of ICONS[name]) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      group.append(path);
    }
    svg.append(group);
    return svg;
  }

  // --- safe Markdown ------------------------------------------------------------------------------------

  // Only the service's own markup becomes elements: **bold**, *em*, `code`, and citation markers [1] / [1, 2]
  // whose numbers are in the answer's citations. Links are never made, from the model's Markdown or from a
  // bare address: "[text](http://…)" stays text. A held quote (below) is one token here, shown as it is.
  const INLINE =
    /(\uE000(\d+)\uE001)|(\*\*(?=\S)([\s\S]*?\S)\*\*)|(\*(?=[^\s*])([^*\n]*?[^\s*])\*)|(`([^`\n]+)`)|(\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\])/g;
  const HELD = /\uE000(\d+)\uE001/g;

  // A citation marker as rag/answering/citations.py reads one. The service checks every marker of an answer,
  // a quote's included: it may write "[1, 2]" as "[1][2]", drop one, or a space before a full stop. So a quote
  // is found with each of its markers as written or as rewritten, and its spaces loosened.
  const MARKER = "[\\[［【]\\s*\\d{1,3}(?:\\s*[,，、;]\\s*\\d{1,3})*\\s*[\\]］】]";
  const QUOTE_MARKS = { "“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›", "「": "」", "『": "』", '"': '"' };
  const QUOTE_SPACE = "[ \\u00a0\\u202f]?";

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** A pattern that finds `quote` in an answer, or null for a quote too short to find safely. */
  function quotePattern(quote) {
    const parts = String(quote).trim().split(new RegExp(`(${MARKER}|\\s+)`));
    let source = "";
    let literal = 0;
    parts.forEach((part, i) => {
      if (!part) return;
      if (i % 2 === 0) {
        source += escapeRegExp(part);
        literal += part.length;
      } else if (/^\s+$/.test(part)) {
        source += "\\s*";
      } else {
        source += `(?:${escapeRegExp(part)}|(?:\\[\\d{1,3}\\])*?)`; // lazy: never the service's own after it
      }
    });
    return literal >= 2 ? new RegExp(source, "g") : null;
  }

  /** Where the quoted passages are in `text`: [start, end) ranges, sorted, not overlapping, each widened to
   * the quotation marks around it. */
  function quoteRanges(text, quotes) {
    const ranges = [];
    const overlaps = (start, end) => ranges.some(([s, e]) => start < e && s < end);
    const unique = [...new Set(quotes.filter((q) => typeof q === "string"))].sort((a, b) => b.length - a.length);
    for (const quote of unique) {
      const pattern = quotePattern(quote);
      if (!pattern) continue;
      let match;
      while ((match = pattern.exec(text)) !== null) {
        let start = match.index;
        let end = start + match[0].length;
        if (end === start) {
          pattern.lastIndex++;
          continue;
        }
        const open = new RegExp(`([${escapeRegExp(Object.keys(QUOTE_MARKS).join(""))}])${QUOTE_SPACE}$`).exec(
          text.slice(Math.max(0, start - 2), start),
        );
        if (open) {
          // up to the closing mark, over a marker the quote ended with (inside the marks, it is the passage's)
          const closing = `^(?:\\[\\d{1,3}\\])*${QUOTE_SPACE}${escapeRegExp(QUOTE_MARKS[open[1]])}`;
          const close = new RegExp(closing).exec(text.slice(end, end + 40));
          if (close) {
            start -= open[0].length;
            end += close[0].length;
          }
        }
        if (!overlaps(start, end)) ranges.push([start, end]);
      }
    }
    return ranges.sort((a, b) => a[0] - b[0]);
  }

  /** `text` with each quoted passage held out of the Markdown as one token; returns it and the held texts. */
  function holdQuotes(text, quotes) {
    text = String(text || "").replace(/[\uE000\uE001]/g, "");
    const held = [];
    let out = "";
    let at = 0;
    for (const [start, end] of quoteRanges(text, quotes || [])) {
      out += `${text.slice(at, start)}\uE000${held.length}\uE001`;
      held.push(text.slice(start, end));
      at = end;
    }
    return { text: out + text.slice(at), held };
  }

  function unhold(text, held) {
    return text.replace(HELD, (_, i) => held[Number(i)] ?? "");
  }

  /** Appends `text` to `parent` as text nodes and elements; `chip(n)` makes a citation button or null. */
  function renderInline(parent, text, chip, held) {
    const re = new RegExp(INLINE.source, "g");
    let at = 0;
    let match;
    while ((match = re.exec(text)) !== null) {
      if (match.index > at) parent.append(document.createTextNode(text.slice(at, match.index)));
      at = re.lastIndex;
      if (match[1]) {
        // a quoted passage: its own direction (a Chinese quote in an Arabic answer reads left to right)
        parent.append(h("span", { class: "quote", dir: "auto", text: held[Number(match[2])] ?? "" }));
      } else if (match[3]) {
        const strong = h("strong");
        renderInline(strong, match[4], chip, held);
        parent.append(strong);
      } else if (match[5]) {
        const em = h("em");
        renderInline(em, match[6], chip, held);
        parent.append(em);
      } else if (match[7]) {
        parent.append(h("code", { text: unhold(match[8], held) }));
      } else if (match[9]) {
        const numbers = match[10].split(/\s*[,，、]\s*/).map(Number);
        const chips = chip ? numbers.map((n) => chip(n)) : [];
        if (chip && chips.every(Boolean)) parent.append(...chips);
        else parent.append(document.createTextNode(match[0]));
      }
    }
    if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
  }

  /** Paragraphs, bullet and numbered lists, and headings (shown as bold paragraphs). `quotes` are the cited
   * sentences: where the answer repeats one, it is shown verbatim — no Markdown, no chip — in its own direction. */
  function renderMarkdown(source, chip, quotes) {
    const { text, held } = holdQuotes(source, quotes);
    const inline = (parent, line) => renderInline(parent, line, chip, held);
    const out = document.createDocumentFragment();
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    let paragraph = null;
    let list = null;
    const close = () => {
      paragraph = null;
      list = null;
    };
    for (const raw of lines) {
      const line = raw.replace(/\s+$/, "");
      if (!line.trim()) {
        close();
        continue;
      }
      const bullet = /^\s*(?:[-*+•])\s+(.*)$/.exec(line);
      const numbered = /^\s*(\d{1,3})[.)]\s+(.*)$/.exec(line);
      const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        const kind = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== kind) {
          list = h(kind);
          if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
          out.append(list);
        }
        paragraph = null;
        const item = h("li");
        inline(item, bullet ? bullet[1] : numbered[2]);
        list.append(item);
      } else if (heading) {
        close();
        const p = h("p", { class: "heading" });
        const strong = h("strong");
        inline(strong, heading[1]);
        p.append(strong);
        out.append(p);
      } else if (list && /^\s{2,}\S/.test(raw)) {
        // a continuation line of the last list item
        const item = list.lastElementChild;
        item.append(document.createTextNode(" "));
        inline(item, line.trim());
      } else {
        list = null;
        if (paragraph) paragraph.append(h("br"));
        else {
          paragraph = h("p");
          out.append(paragraph);
        }
        inline(paragraph, line);
      }
    }
    return out;
  }

  // --- server-sent events over fetch ----------------------------------------------------------------------

  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const parse = (block) => {
      let event = "message";
      const data = [];
      for (const line of block.split(/\r\n|\r|\n/)) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      return data.length ? [event, data.join("\n")] : null;
    };
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
      const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
      buffer = done ? "" : blocks.pop();
      for (const block of blocks) {
        const parsed = parse(block);
        if (parsed) yield parsed;
      }
      if (done) return;
    }
  }

  class RequestError extends Error {
    constructor(message, detail) {
      super(message);
      this.detail = detail || null;
    }
  }

  async function errorOf(response, t) {
    let detail = null;
    try {
      const body = await response.json();
      const error = body && body.error;
      if (error && typeof error.message === "string") {
        detail = error.message + (typeof error.hint === "string" && error.hint ? ` (${error.hint})` : "");
      } else if (body && typeof body.detail === "string") {
        detail = body.detail;
      }
    } catch (_) {
      detail = response.statusText || null;
    }
    return new RequestError(fmt(t, "httpError", { status: String(response.status) }), detail);
  }

  // --- the element ----------------------------------------------------------------------------------------

  let instances = 0;

  class Widget extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: "open" });
      this.config = null;
      this.messages = [];
      this.busy = null; // the AbortController of the question being answered
      this.isOpen = false;
      this.passageChip = null;
    }

    connectedCallback() {
      if (this.ui) return;
      this.config = this.config || readConfig(null);
      this.t = strings(this.config.lang);
      this.storageKey = `${TAG}:v1:${this.config.api}`;
      this.build();
      this.restore();
    }

    // --- structure ---

    build() {
      const id = `${TAG}-${++instances}`;
      const style = document.createElement("style");
      style.textContent = STYLE;

      const launcherLabel = h("span");
      const launcher = h(
        "button",
        {
          type: "button",
          class: "launcher",
          "aria-expanded": "false",
          "aria-controls": `${id}-panel`,
          "aria-haspopup": "dialog",
          onclick: () => (this.isOpen ? this.close() : this.open()),
        },
        icon("chat"),
        launcherLabel,
      );

      const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions text" });
      // No maxlength: it would cut a pasted question silently. The counter and the message below say when a
      // question is too long, and it is not sent until it fits.
      const input = h("textarea", { rows: "1", dir: "auto", "aria-describedby": `${id}-counter ${id}-too-long` });
      const sendButton = h("button", { type: "submit", class: "icon-button send" }, icon("send"));
      const form = h("form", { class: "compose" }, input, sendButton);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit();
      });
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          this.submit();
        }
      });
      input.addEventListener("input", () => {
        this.fitInput();
        this.updateLimit();
      });
      const counter = h("span", { id: `${id}-counter`, class: "counter", hidden: true });
      const tooLong = h("p", { id: `${id}-too-long`, class: "too-long", role: "alert", hidden: true });
      const limit = h("div", { class: "limit" }, counter, tooLong);
      const disclaimer = h("p", { class: "disclaimer" });

      const passage = h("section", { class: "passage", hidden: true, "aria-labelledby": `${id}-passage-title` });
      const body = h("div", { class: "body" }, log, form, limit, disclaimer, passage);

      const title = h("h2");
      const subtitle = h("p");
      const newChat = h("button", { type: "button", class: "icon-button new-chat", onclick: () => this.reset() }, icon("plus"));
      const closeButton = h("button", { type: "button", class: "icon-button close", onclick: () => this.close() }, icon("close"));
      const panel = h(
        "div",
        { id: `${id}-panel`, class: "panel", role: "dialog", "aria-modal": "false", hidden: true },
        h("div", { class: "head" }, h("div", { class: "titles" }, title, subtitle), newChat, closeButton),
        body,
      );

      const root = h("div", { class: "root" }, launcher, panel);
      root.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        if (!passage.hidden) {
          event.preventDefault();
          event.stopPropagation();
          this.closePassage();
        } else if (this.isOpen) {
          event.preventDefault();
          event.stopPropagation();
          this.close();
        }
      });
      this.shadowRoot.append(style, root);
      this.ui = { root, launcher, launcherLabel, panel, title, subtitle, newChat, closeButton, log, input, sendButton };
      Object.assign(this.ui, { counter, tooLong, disclaimer, passage });
      this.relabel();
    }

    /** Every string of the frame in the interface's language, and the conversation's direction. */
    relabel() {
      const t = this.t;
      const ui = this.ui;
      const title = this.config.title || t.title;
      ui.root.setAttribute("lang", t.lang);
      ui.root.setAttribute("dir", t.dir);
      ui.launcherLabel.textContent = t.launcher;
      ui.panel.setAttribute("aria-label", title);
      ui.title.textContent = title;
      ui.subtitle.textContent = t.subtitle;
      for (const [button, label] of [
        [ui.newChat, t.newChat],
        [ui.closeButton, t.close],
        [ui.sendButton, t.send],
      ]) {
        button.setAttribute("aria-label", label);
        button.setAttribute("title", label);
      }
      ui.input.setAttribute("placeholder", t.placeholder);
      ui.input.setAttribute("aria-label", t.placeholder);
      ui.disclaimer.textContent = t.disclaimer;
      const intro = ui.log.querySelector(".intro");
      if (intro) intro.replaceWith(this.renderIntro());
      this.updateLimit();
    }

    /** The interface follows the conversation's language: the language of its questions, as the service read
     * them, or the configured one while there is none. */
    setLanguage(lang) {
      const t = strings(supported(lang) || this.config.lang);
      if (t === this.t) return;
      this.t = t;
      this.relabel();
    }

    fitInput() {
      const input = this.ui.input;
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
    }

    /** The counter near the limit, and over it the message; a question over the limit is never sent. */
    updateLimit() {
      const { t, ui } = this;
      const max = LIMITS.question;
      const n = length(ui.input.value);
      const over = n > max;
      ui.counter.hidden = n < Math.floor(max * NEAR_LIMIT);
      ui.counter.textContent = fmt(t, "counter", { n, max });
      ui.counter.classList.toggle("over", over);
      ui.tooLong.hidden = !over;
      ui.tooLong.textContent = over ? fmt(t, "tooLong", { n, max }) : "";
      ui.input.setAttribute("aria-invalid", String(over));
      this.setBusy(Boolean(this.busy));
      return over;
    }

    open(focus = true) {
      this.isOpen = true;
      this.ui.panel.hidden = false;
      this.ui.launcher.setAttribute("aria-expanded", "true");
      this.save();
      this.scrollToEnd();
      if (focus) this.ui.input.focus();
    }

    close() {
      this.closePassage(false);
      this.isOpen = false;
      this.ui.panel.hidden = true;
      this.ui.launcher.setAttribute("aria-expanded", "false");
      this.save();
      this.ui.launcher.focus();
    }

    scrollToEnd() {
      const log = this.ui.log;
      log.scrollTop = log.scrollHeight;
    }

    // --- conversation state ---

    restore() {
      let saved = null;
      try {
        saved = JSON.parse(window.sessionStorage.getItem(this.storageKey) || "null");
      } catch (_) {
        saved = null;
      }
      if (saved && Array.isArray(saved.messages)) {
        this.messages = saved.messages.filter(
          (m) =>
            m &&
            ((m.role === "user" && typeof m.content === "string") ||
              (m.role === "assistant" && m.answer && typeof m.answer.answer === "string")),
        );
      }
      const answered = this.messages.filter((m) => m.role === "assistant").pop();
      if (answered) this.setLanguage(answered.answer.language);
      this.renderAll();
      if (saved && saved.open) this.open(false);
    }

    save() {
      try {
        // Questions that got no answer (failed, or still streaming) are not kept: a reload shows whole turns.
        const messages = this.messages
          .filter((m, i, all) => m.role === "assistant" || (all[i + 1] && all[i + 1].role === "assistant"))
          .slice(-MAX_STORED_MESSAGES);
        window.sessionStorage.setItem(this.storageKey, JSON.stringify({ open: this.isOpen, messages }));
      } catch (_) {
        /* storage full or disabled: the conversation just does not survive a reload */
      }
    }

    reset() {
      if (this.busy) this.busy.abort();
      this.busy = null;
      this.closePassage(false);
      this.messages = [];
      this.save();
      this.setLanguage(this.config.lang);
      this.renderAll();
      this.setBusy(false);
      this.ui.input.value = "";
      this.fitInput();
      this.updateLimit();
      this.ui.input.focus();
    }

    history(question) {
      const turns = [];
      const cut = (text) => text.slice(0, LIMITS.turnChars);
      for (let i = 0; i + 1 < this.messages.length; i++) {
        const asked = this.messages[i];
        const answered = this.messages[i + 1];
        if (asked.role === "user" && answered.role === "assistant") {
          turns.push({ role: "user", content: cut(asked.content) });
          turns.push({ role: "assistant", content: cut(answered.answer.answer) });
          i++;
        }
      }
      const sent = turns.slice(-LIMITS.historyTurns);
      // The request must fit the server's body limit (long answers in Chinese take 3 bytes a character): the
      // oldest exchanges are left out first.
      const size = (history) => new TextEncoder().encode(JSON.stringify({ question, history })).length;
      while (sent.length && size(sent) > LIMITS.body) sent.splice(0, 2);
      return sent;
    }

    renderAll() {
      const log = this.ui.log;
      log.replaceChildren();
      if (!this.messages.length) {
        log.append(this.renderIntro());
        return;
      }
      for (const message of this.messages) {
        log.append(message.role === "user" ? this.renderUser(message.content) : this.renderAnswer(message));
      }
      this.scrollToEnd();
    }

    renderIntro() {
      const t = this.t;
      return h(
        "div",
        { class: "intro" },
        h("p", { text: t.intro }),
        h(
          "div",
          { class: "suggestions", role: "group", "aria-label": t.tryLabel },
          t.suggestions.map((question) =>
            h("button", { type: "button", class: "suggestion", text: question, onclick: () => this.submit(question) }),
          ),
        ),
      );
    }

    renderUser(text) {
      return h("div", { class: "msg user", dir: "auto" }, text);
    }

    // --- asking ---

    headers() {
      const headers = { "Content-Type": "application/json", Accept: "text/event-stream, application/json" };
      if (this.config.apiKey) headers["X-API-Key"] = this.config.apiKey;
      return headers;
    }

    setBusy(busy) {
      // aria-disabled, not disabled: a disabled button loses focus, and focus must never fall out of the panel
      const over = length(this.ui.input.value) > LIMITS.question;
      this.ui.sendButton.setAttribute("aria-disabled", String(Boolean(busy) || over));
    }

    submit(text) {
      const question = (text === undefined ? this.ui.input.value : text).trim();
      if (!question || this.busy) return;
      if (length(question) > LIMITS.question) {
        // refused, and said so; the text stays as it is, for the user to shorten
        this.updateLimit();
        this.ui.input.focus();
        return;
      }
      if (text === undefined) {
        this.ui.input.value = "";
        this.fitInput();
        this.updateLimit();
      }
      this.ask(question);
    }

    async ask(question) {
      const t = this.t;
      const history = this.history(question);
      if (!this.messages.length) this.ui.log.replaceChildren();
      const asked = { role: "user", content: question };
      this.messages.push(asked);
      this.save();
      const questionNode = this.renderUser(question);
      this.ui.log.append(questionNode);

      const status = h("div", { class: "status", text: t.searching });
      const streamed = h("div", { class: "answer", dir: "auto", hidden: true });
      const pending = h("div", { class: "msg bot", "aria-busy": "true" }, status, streamed);
      this.ui.log.append(pending);
      this.scrollToEnd();

      const controller = new AbortController();
      this.busy = controller;
      this.setBusy(true);
      let text = "";
      let final = null;
      try {
        const response = await fetch(`${this.config.api}/v1/ask/stream`, {
          method: "POST",
          mode: "cors",
          credentials: "omit",
          headers: this.headers(),
          body: JSON.stringify({ question, history }),
          signal: controller.signal,
        });
        if (!response.ok) throw await errorOf(response, t);
        for await (const [event, raw] of readEvents(response)) {
          let data;
          try {
            data = JSON.parse(raw);
          } catch (_) {
            continue;
          }
          if (event === "retrieval") {
            const n = Array.isArray(data.passages) ? data.passages.length : 0;
            status.textContent = fmt(t, "found", { n });
          } else if (event === "delta") {
            text += typeof data.text === "string" ? data.text : "";
            status.textContent = t.writing;
            streamed.hidden = false;
            streamed.replaceChildren(renderMarkdown(text, null, []));
            this.scrollToEnd();
          } else if (event === "answer") {
            final = data;
          } else if (event === "error") {
            const error = data.error || {};
            throw new RequestError(error.message || t.interrupted, error.hint || null);
          }
        }
        if (!final || typeof final.answer !== "string") throw new RequestError(t.interrupted);
      } catch (error) {
        if (controller.signal.aborted) return;
        const failed = this.renderError(error, () => {
          if (this.busy) return;
          failed.remove();
          questionNode.remove();
          const at = this.messages.lastIndexOf(asked);
          if (at >= 0) this.messages.splice(at, 1);
          this.ask(question);
        });
        pending.replaceWith(failed);
        this.scrollToEnd();
        return;
      } finally {
        if (this.busy === controller) {
          this.busy = null;
          this.setBusy(false);
        }
      }
      const message = { role: "assistant", question, answer: stored(final) };
      this.messages.push(message);
      this.save();
      this.setLanguage(final.language);
      const rendered = this.renderAnswer(message);
      pending.replaceWith(rendered);
      // A long answer is read from its start; a short one just scrolls into view (never the host page).
      const log = this.ui.log;
      if (rendered.offsetHeight > log.clientHeight) log.scrollTop = rendered.offsetTop - log.offsetTop - 8;
      else this.scrollToEnd();
    }

    renderError(error, retry) {
      const t = this.t;
      let title;
      let detail = null;
      if (error instanceof RequestError) {
        title = error.message;
        detail = error.detail;
      } else {
        title = t.networkError; // fetch rejects with a TypeError: offline, refused, or CORS said no
      }
      return h(
        "div",
        { class: "msg error", role: "alert" },
        h("strong", { text: title }),
        detail ? h("span", { text: detail }) : null,
        h("button", { type: "button", class: "button retry", text: t.retry, onclick: retry }),
      );
    }

    // --- answers ---

    renderAnswer(message) {
      const answer = message.answer;
      // An answer speaks its own language, whatever the interface speaks now (an older turn may differ).
      const t = supported(answer.language) ? strings(answer.language) : this.t;
      const citations = new Map((answer.citations || []).map((c) => [c.n, c]));
      const labels = new Map(); // n → the respondent's name in the answer's language, from a list answer
      for (const item of answer.items || []) for (const n of item.citations || []) labels.set(n, item.label);
      const who = (citation) => labels.get(citation.n) || respondentName(citation);
      const chip = (n) => {
        const citation = citations.get(n);
        if (!citation) return null;
        const named = who(citation) || (citation.doc && citation.doc.symbol);
        const label = named ? fmt(t, "chipLabel", { n, who: named }) : fmt(t, "source", { n });
        const button = h("button", { type: "button", class: "chip", "data-n": String(n), "aria-label": label, title: label, text: String(n) });
        button.addEventListener("click", () => this.openPassage(citation, button, t));
        return button;
      };

      const body = h("div", { class: `answer${answer.answerable === false ? " unanswerable" : ""}` });
      const quotes = [...citations.values()].map((c) => c.quote);
      body.append(renderMarkdown(answer.answer, chip, quotes));
      const node = h("div", { class: "msg bot", lang: answer.language || t.lang, dir: t.dir }, body);

      if (Array.isArray(answer.items) && answer.items.length) {
        const rows = answer.items.map((item) =>
          h(
            "tr",
            {},
            h("td", { text: item.label }),
            h("td", {}, (item.citations || []).map((n) => chip(n)).filter(Boolean)),
          ),
        );
        node.append(
          h(
            "table",
            { class: "items" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t.respondent }), h("th", { scope: "col", text: t.sources }))),
            h("tbody", {}, rows),
          ),
        );
      } else if (citations.size) {
        const list = h(
          "ol",
          {},
          [...citations.values()].map((citation) => {
            const item = h("li", {}, chip(citation.n));
            const name = citation.label || describe(citation, who(citation));
            const opener = h("button", { type: "button", class: "source-link", dir: "auto", text: name });
            opener.addEventListener("click", () => this.openPassage(citation, opener, t));
            item.append(...[opener, languageTag(citation, t), versionsOf(citation, t)].filter(Boolean));
            return item;
          }),
        );
        node.append(h("details", { class: "sources" }, h("summary", { text: fmt(t, "sourcesCount", { n: citations.size }) }), list));
      }
      if (Array.isArray(answer.warnings) && answer.warnings.length) {
        node.append(h("ul", { class: "warnings" }, answer.warnings.map((w) => h("li", { dir: "auto", text: `⚠ ${w}` }))));
      }
      node.append(this.renderActions(message, t, who));
      return node;
    }

    renderActions(message, t, who) {
      const note = h("span", { class: "note", role: "status" });
      const copy = h("button", { type: "button", class: "icon-button copy", "aria-label": t.copy, title: t.copy }, icon("copy"));
      copy.addEventListener("click", async () => {
        const ok = await copyText(plainText(message.answer, t, who), copy);
        note.className = `note ${ok ? "ok" : "bad"}`;
        note.textContent = ok ? t.copied : t.copyFailed;
      });
      const thumb = (rating) =>
        h(
          "button",
          {
            type: "button",
            class: `icon-button rate rate-${rating}`,
            "aria-label": rating === "up" ? t.helpful : t.notHelpful,
            title: rating === "up" ? t.helpful : t.notHelpful,
            "aria-pressed": message.feedback === rating ? "true" : "false",
          },
          icon("up", rating === "down"),
        );
      const up = thumb("up");
      const down = thumb("down");
      const box = h("div", { class: "feedback-slot" });
      for (const button of [up, down]) {
        button.addEventListener("click", () => {
          const rating = button === up ? "up" : "down";
          up.setAttribute("aria-pressed", String(rating === "up"));
          down.setAttribute("aria-pressed", String(rating === "down"));
          note.textContent = "";
          box.replaceChildren(this.feedbackForm(message, rating, note, box, () => button, t));
          box.querySelector("textarea").focus();
        });
      }
      if (message.feedback) {
        note.className = "note ok";
        note.textContent = t.thanks;
      }
      return h("div", {}, h("div", { class: "actions" }, copy, up, down, note), box);
    }

    feedbackForm(message, rating, note, box, pressed, t) {
      const id = `${TAG}-fb-${++instances}`;
      const comment = h("textarea", { id, dir: "auto", placeholder: t.commentPlaceholder, maxlength: "2000" });
      const send = h("button", { type: "submit", class: "button primary", text: t.sendFeedback });
      const cancel = h("button", {
        type: "button",
        class: "button",
        text: t.cancel,
        onclick: () => {
          box.replaceChildren();
          pressed().focus();
        },
      });
      const form = h(
        "form",
        { class: "feedback" },
        h("label", { for: id, text: t.comment }),
        comment,
        h("div", { class: "row" }, cancel, send),
      );
      let sending = false;
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (sending) return;
        sending = true;
        send.setAttribute("aria-busy", "true");
        const answer = message.answer;
        const payload = {
          rating,
          comment: comment.value.trim() || null,
          question: message.question,
          answer: answer.answer,
          citations: (answer.citations || []).map((c) => ({ n: c.n, id: c.id, quote: c.quote })),
          mode: answer.mode,
          language: answer.language,
        };
        try {
          const response = await fetch(`${this.config.api}/v1/feedback`, {
            method: "POST",
            mode: "cors",
            credentials: "omit",
            headers: this.headers(),
            body: JSON.stringify(payload),
          });
          if (!response.ok) throw await errorOf(response, t);
          message.feedback = rating;
          this.save();
          box.replaceChildren();
          note.className = "note ok";
          note.textContent = t.thanks;
          pressed().focus(); // the form is gone: focus stays on the answer it rated
        } catch (error) {
          sending = false;
          send.removeAttribute("aria-busy");
          note.className = "note bad";
          const detail = error instanceof RequestError ? [error.message, error.detail].filter(Boolean).join(": ") : t.networkError;
          note.textContent = `${t.feedbackFailed}. ${detail}`;
        }
      });
      return form;
    }

    // --- passages ---

    /** The cited passage, its labels in `t`'s language and its text in its own direction. */
    openPassage(citation, opener, t) {
      const view = this.ui.passage;
      view.setAttribute("lang", t.lang);
      view.setAttribute("dir", t.dir);
      this.passageChip = opener;
      const titleId = view.getAttribute("aria-labelledby");
      const back = h("button", { type: "button", class: "back" }, icon("back"), h("span", { text: t.back }));
      back.addEventListener("click", () => this.closePassage());

      const doc = citation.doc || {};
      const respondent = citation.respondent;
      const meta = h("dl", { class: "meta" });
      const row = (label, value) => value && meta.append(h("dt", { text: label }), h("dd", { text: value }));
      if (respondent) {
        const english = respondent.name_en && respondent.name_en !== respondent.name ? ` (${respondent.name_en})` : "";
        row(t.respondent, respondent.name + english);
      }
      row(t.paragraph, citation.paragraph);
      row(t.section, (citation.section || []).join(" › "));

      const text = h("p", { class: "text", dir: "auto" });
      text.append(...highlighted(citation.text, citation.quote, citation.quote_start, citation.quote_end));

      const before = h("div", { class: "context before", hidden: true });
      const after = h("div", { class: "context after", hidden: true });
      const more = h("button", { type: "button", class: "button context-button", "aria-expanded": "false", text: t.showContext });
      let loaded = false;
      let loading = false;
      more.addEventListener("click", async () => {
        if (loading) return;
        if (more.getAttribute("aria-expanded") === "true") {
          before.hidden = after.hidden = true;
          more.setAttribute("aria-expanded", "false");
          more.textContent = t.showContext;
          return;
        }
        if (!loaded) {
          loading = true;
          more.setAttribute("aria-busy", "true");
          more.textContent = t.loading;
          try {
            const id = encodeURIComponent(citation.id);
            const response = await fetch(`${this.config.api}/v1/passages/${id}?before=1&after=1`, {
              mode: "cors",
              credentials: "omit",
              headers: this.config.apiKey ? { "X-API-Key": this.config.apiKey } : {},
            });
            if (!response.ok) throw await errorOf(response, t);
            const data = await response.json();
            fillContext(before, t.before, data.before || [], t);
            fillContext(after, t.after, data.after || [], t);
            if (!(data.before || []).length && !(data.after || []).length) after.append(h("p", { text: t.noContext }));
            loaded = true;
          } catch (error) {
            more.textContent = t.showContext;
            after.replaceChildren(h("p", { class: "note bad", role: "alert", text: `${t.contextFailed}. ${error instanceof RequestError ? error.message : t.networkError}` }));
            after.hidden = false;
            return;
          } finally {
            loading = false;
            more.removeAttribute("aria-busy");
          }
        }
        before.hidden = after.hidden = false;
        more.setAttribute("aria-expanded", "true");
        more.textContent = t.hideContext;
      });

      view.replaceChildren(
        h("div", { class: "passage-head" }, back, h("h3", { id: titleId, text: fmt(t, "source", { n: citation.n }) })),
        h(
          "div",
          { class: "passage-body", tabindex: "-1" },
          h(
            "p",
            { class: "doc" },
            doc.symbol ? h("span", { class: "symbol", text: doc.symbol }) : null,
            doc.title ? h("span", { class: "doc-title", dir: "auto", text: doc.title }) : null,
            languageTag(citation, t),
          ),
          meta,
          before,
          text,
          after,
          more,
          versionsOf(citation, t),
        ),
      );
      view.hidden = false;
      back.focus();
    }

    closePassage(refocus = true) {
      const view = this.ui.passage;
      if (view.hidden) return;
      view.hidden = true;
      view.replaceChildren();
      const chip = this.passageChip;
      this.passageChip = null;
      if (!refocus) return;
      if (chip && chip.isConnected) chip.focus();
      else this.ui.input.focus();
    }
  }

  // --- helpers on answers ---

  function stored(answer) {
    // What a restored conversation needs: the text, the citations (so chips still open), the list.
    return {
      answer: answer.answer,
      language: answer.language,
      answerable: answer.answerable,
      mode: answer.mode,
      citations: Array.isArray(answer.citations) ? answer.citations : [],
      items: Array.isArray(answer.items) ? answer.items : null,
      warnings: Array.isArray(answer.warnings) ? answer.warnings : [],
    };
  }

  /** The respondent's name a citation shows when the answer gives none in its language. */
  function respondentName(citation) {
    const r = citation.respondent;
    return r ? r.name_en || r.name : null;
  }

  function describe(citation, who) {
    const parts = [];
    if (citation.doc && citation.doc.symbol) parts.push(citation.doc.symbol);
    if (who) parts.push(who);
    if (citation.paragraph) parts.push(`¶ ${citation.paragraph}`);
    return parts.join(" · ") || citation.id;
  }

  /** A language's name in `t`'s language ("French", "法文"), or its code where the strings have none. */
  function languageName(t, code) {
    return (t.languages && t.languages[code]) || String(code || "");
  }

  /** The small tag that says which language version a citation quotes. */
  function languageTag(citation, t) {
    if (!citation.language) return null;
    return h("span", { class: "lang-tag", text: languageName(t, citation.language) });
  }

  /**
   * The cited paragraph in the document's other language versions: one button per language, each showing or
   * hiding its version's text. The text came with the answer (no request); it is plain text, never Markdown, a
   * chip or a link, in its language's direction (right to left where its strings say so, else `dir="auto"`).
   */
  function versionsOf(citation, t) {
    const versions = (Array.isArray(citation.versions) ? citation.versions : []).filter(
      (v) => v && typeof v.text === "string" && v.language,
    );
    if (!versions.length) return null;
    const buttons = h("div", { class: "version-buttons" });
    const texts = h("div", { class: "version-texts" });
    for (const version of versions) {
      const id = `${TAG}-version-${++instances}`;
      const rtl = STRINGS[version.language] && STRINGS[version.language].dir === "rtl";
      const text = h("p", { id, class: "version-text", lang: version.language, dir: rtl ? "rtl" : "auto", hidden: true, text: version.text });
      const button = h("button", {
        type: "button",
        class: "version-button",
        lang: t.lang,
        "aria-expanded": "false",
        "aria-controls": id,
        text: languageName(t, version.language),
      });
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        text.hidden = !open;
      });
      buttons.append(button);
      texts.append(text);
    }
    return h("div", { class: "versions", role: "group", "aria-label": t.versions }, buttons, texts);
  }

  function highlighted(text, quote, start, end) {
    text = String(text || "");
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length)) {
      const at = quote ? text.indexOf(quote) : -1;
      if (at < 0) return [document.createTextNode(text)];
      start = at;
      end = at + quote.length;
    }
    return [
      document.createTextNode(text.slice(0, start)),
      h("mark", { text: text.slice(start, end) }),
      document.createTextNode(text.slice(end)),
    ];
  }

  function fillContext(box, label, passages, t) {
    box.replaceChildren();
    if (!passages.length) return;
    box.append(h("h4", { text: label }));
    for (const passage of passages) {
      const where = [passage.respondent ? passage.respondent.name : null, passage.paragraph ? `${t.paragraph} ${passage.paragraph}` : null]
        .filter(Boolean)
        .join(" · ");
      box.append(h("p", { dir: "auto", text: where ? `${where} — ${passage.text}` : passage.text }));
    }
  }

  function plainText(answer, t, who) {
    const lines = [answer.answer.trim()];
    const citations = answer.citations || [];
    if (citations.length) {
      lines.push("", `${t.sources}:`);
      for (const c of citations) lines.push(`[${c.n}] ${describe(c, who(c))}: “${c.quote}”`);
    }
    return lines.join("\n");
  }

  async function copyText(text, refocus) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (_) {
      /* denied: try the old way */
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:-9999px;opacity:0";
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (_) {
      ok = false;
    }
    area.remove();
    refocus.focus();
    return ok;
  }

  window.customElements.define(TAG, Widget);

  function mount() {
    const widget = document.createElement(TAG);
    widget.config = readConfig(script);
    widget.style.setProperty("all", "initial", "important"); // no host rule reaches the widget's box
    document.body.append(widget);
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
