/*
 * UN disarmament documents — a chat widget any page can embed with one script tag:
 *
 *   <script src="https://rag.example.org/widget.js" data-api="https://rag.example.org"
 *           data-title="Ask the disarmament reports" data-lang="auto" data-api-key="…" defer></script>
 *
 * data-api      the API base (default: the directory this script was loaded from)
 * data-title    the panel title
 * data-lang     en | zh | fr | es | auto (default: the page's <html lang>, then the browser's language)
 * data-api-key  sent as X-API-Key on every request, when present
 *
 * Plain JavaScript, no build step. Everything lives in a <un-rag-widget> element's shadow root, so the host
 * page's CSS and the widget's never meet. Text from the model or the documents only ever reaches the page
 * through textContent and createElement: the widget never writes HTML.
 */
(() => {
  "use strict";

  const TAG = "un-rag-widget";
  if (window.customElements.get(TAG)) return; // the script was included twice

  const script =
    document.currentScript || Array.from(document.querySelectorAll('script[src*="widget.js"]')).pop() || null;

  const STRINGS = {
    en: {
      title: "UN disarmament reports",
      subtitle: "Answers cite the exact paragraph",
      launcher: "Ask the reports",
      close: "Close",
      newChat: "New conversation",
      placeholder: "Ask a question…",
      send: "Send",
      intro: "Ask what states and organizations said in UN disarmament reports, in any UN language. Every answer cites its sources.",
      tryLabel: "Try:",
      suggestions: ["Which states oppose resolution 76/234?", "What did Norway say about export controls?"],
      disclaimer: "Answers come from the reports. Check the cited passages.",
      searching: "Searching the reports…",
      found: (n) => (n === 1 ? "Found 1 passage" : `Found ${n} passages`),
      writing: "Writing the answer…",
      notFound: "The documents do not answer this.",
      respondent: "Respondent",
      sources: "Sources",
      sourcesCount: (n) => `Sources (${n})`,
      source: (n) => `Source ${n}`,
      chipLabel: (n, who) => (who ? `Source ${n}: ${who}` : `Source ${n}`),
      copy: "Copy answer",
      copied: "Copied",
      copyFailed: "Could not copy; select the text instead",
      helpful: "Helpful",
      notHelpful: "Not helpful",
      comment: "Comment (optional)",
      commentPlaceholder: "What was right or wrong?",
      sendFeedback: "Send feedback",
      cancel: "Cancel",
      thanks: "Thanks for your feedback",
      feedbackFailed: "Feedback could not be sent",
      back: "Back",
      document: "Document",
      paragraph: "Paragraph",
      section: "Section",
      showContext: "Show context",
      hideContext: "Hide context",
      loading: "Loading…",
      before: "Preceding passage",
      after: "Following passage",
      noContext: "No neighbouring passages.",
      contextFailed: "The neighbouring passages could not be loaded",
      networkError:
        "Could not reach the question service. Check your connection, or ask the site's owner whether this page may use it.",
      httpError: (status) => `The service refused the request (HTTP ${status})`,
      interrupted: "The answer was interrupted. Please ask again.",
      errorLabel: "Error",
    },
    zh: {
      title: "联合国裁军报告",
      subtitle: "每个回答都注明确切段落",
      launcher: "询问报告",
      close: "关闭",
      newChat: "新对话",
      placeholder: "请输入问题…",
      send: "发送",
      intro: "用任何一种联合国语文询问各国和各组织在联合国裁军报告中的说法。每个回答都注明出处。",
      tryLabel: "试试：",
      suggestions: ["哪些国家反对第76/234号决议？", "挪威对出口管制说了什么？"],
      disclaimer: "回答来自报告原文，请核对所引段落。",
      searching: "正在检索报告…",
      found: (n) => `找到 ${n} 个段落`,
      writing: "正在撰写回答…",
      notFound: "文件中没有答案。",
      respondent: "答复方",
      sources: "出处",
      sourcesCount: (n) => `出处（${n}）`,
      source: (n) => `出处 ${n}`,
      chipLabel: (n, who) => (who ? `出处 ${n}：${who}` : `出处 ${n}`),
      copy: "复制回答",
      copied: "已复制",
      copyFailed: "无法复制，请手动选择文本",
      helpful: "有帮助",
      notHelpful: "没有帮助",
      comment: "意见（可选）",
      commentPlaceholder: "哪里对，哪里不对？",
      sendFeedback: "提交反馈",
      cancel: "取消",
      thanks: "感谢您的反馈",
      feedbackFailed: "反馈未能发送",
      back: "返回",
      document: "文件",
      paragraph: "段落",
      section: "章节",
      showContext: "显示上下文",
      hideContext: "隐藏上下文",
      loading: "正在加载…",
      before: "前一段",
      after: "后一段",
      noContext: "没有相邻段落。",
      contextFailed: "无法加载相邻段落",
      networkError: "无法连接问答服务。请检查网络连接，或询问网站管理员本页面是否获准使用该服务。",
      httpError: (status) => `服务拒绝了请求（HTTP ${status}）`,
      interrupted: "回答中断，请重新提问。",
      errorLabel: "错误",
    },
    fr: {
      title: "Rapports de l'ONU sur le désarmement",
      subtitle: "Chaque réponse cite le paragraphe exact",
      launcher: "Interroger les rapports",
      close: "Fermer",
      newChat: "Nouvelle conversation",
      placeholder: "Posez une question…",
      send: "Envoyer",
      intro: "Demandez ce que les États et les organisations ont dit dans les rapports de l'ONU sur le désarmement, dans toute langue officielle. Chaque réponse cite ses sources.",
      tryLabel: "Essayez :",
      suggestions: ["Quels États s'opposent à la résolution 76/234 ?", "Qu'a dit la Norvège sur le contrôle des exportations ?"],
      disclaimer: "Les réponses proviennent des rapports. Vérifiez les passages cités.",
      searching: "Recherche dans les rapports…",
      found: (n) => (n === 1 ? "1 passage trouvé" : `${n} passages trouvés`),
      writing: "Rédaction de la réponse…",
      notFound: "Les documents ne répondent pas à cette question.",
      respondent: "Auteur de la réponse",
      sources: "Sources",
      sourcesCount: (n) => `Sources (${n})`,
      source: (n) => `Source ${n}`,
      chipLabel: (n, who) => (who ? `Source ${n} : ${who}` : `Source ${n}`),
      copy: "Copier la réponse",
      copied: "Copié",
      copyFailed: "Copie impossible ; sélectionnez le texte",
      helpful: "Utile",
      notHelpful: "Pas utile",
      comment: "Commentaire (facultatif)",
      commentPlaceholder: "Qu'est-ce qui était juste ou faux ?",
      sendFeedback: "Envoyer l'avis",
      cancel: "Annuler",
      thanks: "Merci pour votre avis",
      feedbackFailed: "L'avis n'a pas pu être envoyé",
      back: "Retour",
      document: "Document",
      paragraph: "Paragraphe",
      section: "Section",
      showContext: "Afficher le contexte",
      hideContext: "Masquer le contexte",
      loading: "Chargement…",
      before: "Passage précédent",
      after: "Passage suivant",
      noContext: "Aucun passage voisin.",
      contextFailed: "Les passages voisins n'ont pas pu être chargés",
      networkError:
        "Impossible de joindre le service. Vérifiez votre connexion ou demandez au responsable du site si cette page peut l'utiliser.",
      httpError: (status) => `Le service a refusé la demande (HTTP ${status})`,
      interrupted: "La réponse a été interrompue. Veuillez reposer la question.",
      errorLabel: "Erreur",
    },
    es: {
      title: "Informes de la ONU sobre desarme",
      subtitle: "Cada respuesta cita el párrafo exacto",
      launcher: "Preguntar a los informes",
      close: "Cerrar",
      newChat: "Nueva conversación",
      placeholder: "Escriba una pregunta…",
      send: "Enviar",
      intro: "Pregunte qué dijeron los Estados y las organizaciones en los informes de la ONU sobre desarme, en cualquier idioma oficial. Cada respuesta cita sus fuentes.",
      tryLabel: "Pruebe:",
      suggestions: ["¿Qué Estados se oponen a la resolución 76/234?", "¿Qué dijo Noruega sobre los controles de exportación?"],
      disclaimer: "Las respuestas provienen de los informes. Compruebe los pasajes citados.",
      searching: "Buscando en los informes…",
      found: (n) => (n === 1 ? "1 pasaje encontrado" : `${n} pasajes encontrados`),
      writing: "Redactando la respuesta…",
      notFound: "Los documentos no responden a esta pregunta.",
      respondent: "Autor de la respuesta",
      sources: "Fuentes",
      sourcesCount: (n) => `Fuentes (${n})`,
      source: (n) => `Fuente ${n}`,
      chipLabel: (n, who) => (who ? `Fuente ${n}: ${who}` : `Fuente ${n}`),
      copy: "Copiar la respuesta",
      copied: "Copiado",
      copyFailed: "No se pudo copiar; seleccione el texto",
      helpful: "Útil",
      notHelpful: "No es útil",
      comment: "Comentario (opcional)",
      commentPlaceholder: "¿Qué estaba bien o mal?",
      sendFeedback: "Enviar opinión",
      cancel: "Cancelar",
      thanks: "Gracias por su opinión",
      feedbackFailed: "No se pudo enviar la opinión",
      back: "Volver",
      document: "Documento",
      paragraph: "Párrafo",
      section: "Sección",
      showContext: "Mostrar contexto",
      hideContext: "Ocultar contexto",
      loading: "Cargando…",
      before: "Pasaje anterior",
      after: "Pasaje siguiente",
      noContext: "No hay pasajes vecinos.",
      contextFailed: "No se pudieron cargar los pasajes vecinos",
      networkError:
        "No se pudo contactar con el servicio. Compruebe su conexión o pregunte al responsable del sitio si esta página puede usarlo.",
      httpError: (status) => `El servicio rechazó la solicitud (HTTP ${status})`,
      interrupted: "La respuesta se interrumpió. Vuelva a preguntar.",
      errorLabel: "Error",
    },
  };

  const MAX_HISTORY_TURNS = 20; // AskRequest.history's limit
  const MAX_TURN_CHARS = 8000;
  const MAX_STORED_MESSAGES = 40;

  // --- configuration ------------------------------------------------------------------------------------

  function pickLanguage(wanted) {
    const candidates = [];
    if (wanted && wanted.toLowerCase() !== "auto") candidates.push(wanted);
    candidates.push(document.documentElement.getAttribute("lang") || "");
    for (const lang of navigator.languages || [navigator.language || ""]) candidates.push(lang);
    for (const candidate of candidates) {
      const primary = String(candidate).trim().toLowerCase().split(/[-_]/)[0];
      if (Object.prototype.hasOwnProperty.call(STRINGS, primary)) return primary;
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
    const lang = pickLanguage(data.lang);
    return {
      api: api.replace(/\/+$/, ""),
      apiKey: data.apiKey || null,
      lang,
      title: data.title || STRINGS[lang].title,
    };
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

  function icon(name, flip) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon");
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

  // **bold**, *em*, `code`, [label](http…), bare http(s) links, and citation markers [1] / [1, 2].
  const INLINE =
    /(\*\*(?=\S)([\s\S]*?\S)\*\*)|(\*(?=[^\s*])([^*\n]*?[^\s*])\*)|(`([^`\n]+)`)|(\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\))|(https?:\/\/[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"。，；：！？）」』])|(\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\])/g;

  function safeUrl(raw) {
    try {
      const url = new URL(raw);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function link(href, label) {
    return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, label);
  }

  /** Appends `text` to `parent` as text nodes and elements; `chip(n)` makes a citation button or null. */
  function renderInline(parent, text, chip) {
    const re = new RegExp(INLINE.source, "g");
    let at = 0;
    let match;
    while ((match = re.exec(text)) !== null) {
      if (match.index > at) parent.append(document.createTextNode(text.slice(at, match.index)));
      at = re.lastIndex;
      if (match[1]) {
        const strong = h("strong");
        renderInline(strong, match[2], chip);
        parent.append(strong);
      } else if (match[3]) {
        const em = h("em");
        renderInline(em, match[4], chip);
        parent.append(em);
      } else if (match[5]) {
        parent.append(h("code", { text: match[6] }));
      } else if (match[7]) {
        const href = safeUrl(match[9]);
        parent.append(href ? link(href, match[8]) : document.createTextNode(match[0]));
      } else if (match[10]) {
        const href = safeUrl(match[10]);
        parent.append(href ? link(href, match[10]) : document.createTextNode(match[0]));
      } else if (match[11]) {
        const numbers = match[12].split(/\s*[,，、]\s*/).map(Number);
        const chips = chip ? numbers.map((n) => chip(n)) : [];
        if (chip && chips.every(Boolean)) parent.append(...chips);
        else parent.append(document.createTextNode(match[0]));
      }
    }
    if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
  }

  /** Paragraphs, bullet and numbered lists, and headings (shown as bold paragraphs). */
  function renderMarkdown(text, chip) {
    const out = document.createDocumentFragment();
    const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
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
        renderInline(item, bullet ? bullet[1] : numbered[2], chip);
        list.append(item);
      } else if (heading) {
        close();
        const p = h("p", { class: "heading" });
        const strong = h("strong");
        renderInline(strong, heading[1], chip);
        p.append(strong);
        out.append(p);
      } else if (list && /^\s{2,}\S/.test(raw)) {
        // a continuation line of the last list item
        const item = list.lastElementChild;
        item.append(document.createTextNode(" "));
        renderInline(item, line.trim(), chip);
      } else {
        list = null;
        if (paragraph) paragraph.append(h("br"));
        else {
          paragraph = h("p");
          out.append(paragraph);
        }
        renderInline(paragraph, line, chip);
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
    return new RequestError(t.httpError(response.status), detail);
  }

  // --- the element ----------------------------------------------------------------------------------------

  const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --accent: #0b5ea8; --accent-hover: #094c89; --on-accent: #fff; --head: #0b5ea8; --on-head: #fff;
  --bg: #ffffff; --bg-soft: #f4f6f9; --card: #ffffff; --fg: #1b2430; --muted: #5b6675; --line: #dde3ea;
  --chip: #e3eefa; --chip-fg: #0b5ea8; --mark: #ffe58a; --mark-fg: #1b2430; --user: #0b5ea8; --user-fg: #fff;
  --danger: #b42318; --danger-bg: #fdecea; --ok: #166534; --focus: #f59e0b;
  --shadow: 0 12px 40px rgba(16, 24, 40, .22), 0 2px 6px rgba(16, 24, 40, .08);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--fg); letter-spacing: normal; text-transform: none; text-align: left;
}
@media (prefers-color-scheme: dark) {
  .root {
    --accent: #4ea8f5; --accent-hover: #78bdf8; --on-accent: #0b1320; --head: #1c3552; --on-head: #f1f6fc;
    --bg: #151b24; --bg-soft: #0f141b; --card: #1b2330; --fg: #e6ebf2; --muted: #9aa6b5; --line: #2c3747;
    --chip: #1f3a57; --chip-fg: #bfe0ff; --mark: #8a6d00; --mark-fg: #fff7d6; --user: #2b6cb0; --user-fg: #fff;
    --danger: #ff8a80; --danger-bg: #3a1c1c; --ok: #86efac;
    --shadow: 0 12px 40px rgba(0, 0, 0, .55);
  }
}
button, textarea { font: inherit; color: inherit; letter-spacing: inherit; text-transform: none; margin: 0; }
button { cursor: pointer; }
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.icon { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round;
  stroke-linejoin: round; flex: none; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 8px; padding: 12px 18px 12px 15px;
  border: 0; border-radius: 999px; background: var(--accent); color: var(--on-accent);
  font-weight: 600; font-size: 15px; box-shadow: var(--shadow); transition: background .15s, transform .15s;
}
.launcher:hover { background: var(--accent-hover); transform: translateY(-1px); }
.launcher .icon { width: 20px; height: 20px; }

.panel {
  position: fixed; right: 20px; bottom: 84px; z-index: 2147483001;
  width: min(420px, calc(100vw - 40px)); height: min(640px, calc(100vh - 108px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); border: 1px solid var(--line); border-radius: 16px; box-shadow: var(--shadow);
  animation: rise .16s ease-out;
}
@keyframes rise { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
.head { display: flex; align-items: center; gap: 8px; padding: 12px 10px 12px 16px;
  background: var(--head); color: var(--on-head); }
.head .titles { flex: 1; min-width: 0; }
.head h2 { margin: 0; font-size: 15px; font-weight: 650; line-height: 1.3; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.head p { margin: 0; font-size: 12px; opacity: .85; }
.icon-button { display: inline-grid; place-items: center; width: 34px; height: 34px; padding: 0; border: 0;
  border-radius: 8px; background: transparent; color: inherit; }
.head .icon-button:hover { background: rgba(255, 255, 255, .16); }
.head :focus-visible { outline-color: #fff; }

.body { position: relative; flex: 1; min-height: 0; display: flex; flex-direction: column; }
.log { flex: 1; min-height: 0; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 12px;
  background: var(--bg-soft); overscroll-behavior: contain; }
.intro { color: var(--muted); font-size: 13px; }
.intro p { margin: 0 0 10px; }
.suggestions { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
.suggestion { border: 1px solid var(--line); background: var(--card); color: var(--accent); border-radius: 999px;
  padding: 6px 12px; font-size: 13px; text-align: left; }
.suggestion:hover { border-color: var(--accent); }

.msg { max-width: 100%; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; max-width: 85%; background: var(--user); color: var(--user-fg);
  padding: 8px 12px; border-radius: 14px 14px 4px 14px; white-space: pre-wrap; }
.msg.bot { align-self: stretch; background: var(--card); border: 1px solid var(--line);
  border-radius: 14px 14px 14px 4px; padding: 10px 14px; }
.msg.error { align-self: stretch; background: var(--danger-bg); color: var(--danger); border-radius: 10px;
  padding: 10px 12px; font-size: 13px; }
.msg.error strong { display: block; }
.status { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 13px; }
.status::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--accent);
  animation: pulse 1s ease-in-out infinite; }
@keyframes pulse { 50% { opacity: .25; } }
.answer p { margin: 0 0 8px; }
.answer p:last-child, .answer ul:last-child, .answer ol:last-child { margin-bottom: 0; }
.answer ul, .answer ol { margin: 0 0 8px; padding-left: 20px; }
.answer li { margin: 2px 0; }
.answer code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft);
  border-radius: 4px; padding: 1px 4px; }
.answer a { color: var(--accent); }
.answer.unanswerable { color: var(--muted); }
.chip { display: inline-flex; align-items: center; justify-content: center; min-width: 20px; height: 20px;
  margin: 0 1px; padding: 0 6px; border: 0; border-radius: 10px; background: var(--chip); color: var(--chip-fg);
  font-size: 11px; font-weight: 700; line-height: 1; vertical-align: 2px; }
.chip:hover { background: var(--accent); color: var(--on-accent); }
.items { width: 100%; margin: 10px 0 2px; border-collapse: collapse; font-size: 13px; }
.items th { text-align: left; font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); padding: 4px 6px; border-bottom: 1px solid var(--line); }
.items td { padding: 5px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
.items tr:last-child td { border-bottom: 0; }
.items td:last-child { white-space: nowrap; text-align: right; }
.sources { margin-top: 10px; font-size: 12.5px; color: var(--muted); }
.sources summary { cursor: pointer; width: max-content; }
.sources ol { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.sources li { display: flex; gap: 6px; align-items: baseline; }
.source-link { border: 0; background: none; padding: 0; color: var(--accent); text-align: left; font-size: 12.5px;
  text-decoration: underline; text-underline-offset: 2px; }
.warnings { margin: 8px 0 0; padding: 0; list-style: none; font-size: 12px; color: var(--muted); }
.actions { display: flex; align-items: center; gap: 2px; margin: 8px -6px -4px; color: var(--muted); }
.actions .icon-button { width: 30px; height: 30px; }
.actions .icon-button .icon { width: 16px; height: 16px; }
.actions .icon-button:hover { background: var(--bg-soft); color: var(--fg); }
.actions .icon-button[aria-pressed="true"] { color: var(--accent); background: var(--chip); }
.note { font-size: 12px; margin-left: 6px; }
.note.ok { color: var(--ok); }
.note.bad { color: var(--danger); }
.feedback { display: flex; flex-direction: column; gap: 6px; margin-top: 8px; }
.feedback label { font-size: 12px; color: var(--muted); }
.feedback textarea { width: 100%; min-height: 56px; resize: vertical; padding: 6px 8px; border: 1px solid var(--line);
  border-radius: 8px; background: var(--bg); }
.row { display: flex; gap: 8px; justify-content: flex-end; }
.button { border: 1px solid var(--line); background: var(--card); border-radius: 8px; padding: 5px 12px;
  font-size: 13px; }
.button.primary { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }

.compose { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px 6px; border-top: 1px solid var(--line);
  background: var(--bg); }
.compose textarea { flex: 1; min-height: 40px; max-height: 120px; resize: none; padding: 9px 12px; line-height: 1.4;
  border: 1px solid var(--line); border-radius: 12px; background: var(--bg); }
.compose textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: -1px; border-color: var(--accent); }
.compose .send { width: 40px; height: 40px; border-radius: 12px; background: var(--accent); color: var(--on-accent); }
.compose .send[aria-disabled="true"] { opacity: .45; cursor: default; }
.disclaimer { margin: 0; padding: 0 12px 8px; font-size: 11px; color: var(--muted); background: var(--bg); }

.passage { position: absolute; inset: 0; display: flex; flex-direction: column; background: var(--bg);
  animation: rise .14s ease-out; }
.passage-head { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--line); }
.passage-head .back { display: inline-flex; align-items: center; gap: 6px; border: 0; background: none;
  color: var(--accent); font-weight: 600; padding: 6px 8px; border-radius: 8px; }
.passage-head .back:hover { background: var(--bg-soft); }
.passage-head h3 { margin: 0 0 0 auto; font-size: 13px; color: var(--muted); font-weight: 600; }
.passage-body { flex: 1; overflow-y: auto; padding: 14px 16px 18px; }
.doc { margin: 0 0 10px; }
.doc .symbol { display: inline-block; font-weight: 700; color: var(--accent); margin-right: 6px; }
.doc .doc-title { color: var(--fg); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 12px; margin: 0 0 12px; font-size: 12.5px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.text { margin: 0; padding: 10px 12px; border-left: 3px solid var(--accent); background: var(--bg-soft);
  border-radius: 0 8px 8px 0; line-height: 1.7; white-space: pre-wrap; }
mark { background: var(--mark); color: var(--mark-fg); border-radius: 3px; padding: 1px 0; }
.context { margin: 10px 0; font-size: 13px; color: var(--muted); }
.context h4 { margin: 0 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
.context p { margin: 0; line-height: 1.6; white-space: pre-wrap; }
.context-button { margin-top: 12px; }

@media (max-width: 520px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; border: 0; }
  .launcher { right: 12px; bottom: 12px; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before { animation: none !important; transition: none !important; }
}
`;

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
      this.t = STRINGS[this.config.lang];
      this.storageKey = `${TAG}:v1:${this.config.api}`;
      this.build();
      this.restore();
    }

    // --- structure ---

    build() {
      const t = this.t;
      const id = `${TAG}-${++instances}`;
      const style = document.createElement("style");
      style.textContent = STYLE;

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
        h("span", { text: t.launcher }),
      );

      const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions text" });
      const input = h("textarea", {
        rows: "1",
        placeholder: t.placeholder,
        "aria-label": t.placeholder,
        maxlength: "1999",
      });
      const sendButton = h("button", { type: "submit", class: "icon-button send", "aria-label": t.send, title: t.send }, icon("send"));
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
      input.addEventListener("input", () => this.fitInput());

      const passage = h("section", { class: "passage", hidden: true, "aria-labelledby": `${id}-passage-title` });
      const body = h("div", { class: "body" }, log, form, h("p", { class: "disclaimer", text: t.disclaimer }), passage);

      const panel = h(
        "div",
        {
          id: `${id}-panel`,
          class: "panel",
          role: "dialog",
          "aria-modal": "false",
          "aria-label": this.config.title,
          hidden: true,
        },
        h(
          "div",
          { class: "head" },
          h("div", { class: "titles" }, h("h2", { text: this.config.title }), h("p", { text: t.subtitle })),
          h(
            "button",
            { type: "button", class: "icon-button new-chat", "aria-label": t.newChat, title: t.newChat, onclick: () => this.reset() },
            icon("plus"),
          ),
          h(
            "button",
            { type: "button", class: "icon-button close", "aria-label": t.close, title: t.close, onclick: () => this.close() },
            icon("close"),
          ),
        ),
        body,
      );

      const root = h("div", { class: "root", lang: this.config.lang }, launcher, panel);
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
      this.ui = { root, launcher, panel, log, input, sendButton, passage };
    }

    fitInput() {
      const input = this.ui.input;
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
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
      this.renderAll();
      this.setBusy(false);
      this.ui.input.value = "";
      this.fitInput();
      this.ui.input.focus();
    }

    history() {
      const turns = [];
      for (let i = 0; i + 1 < this.messages.length; i++) {
        const asked = this.messages[i];
        const answered = this.messages[i + 1];
        if (asked.role === "user" && answered.role === "assistant") {
          turns.push({ role: "user", content: asked.content.slice(0, MAX_TURN_CHARS) });
          turns.push({ role: "assistant", content: answered.answer.answer.slice(0, MAX_TURN_CHARS) });
          i++;
        }
      }
      return turns.slice(-MAX_HISTORY_TURNS);
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
      return h("div", { class: "msg user" }, text);
    }

    // --- asking ---

    headers() {
      const headers = { "Content-Type": "application/json", Accept: "text/event-stream, application/json" };
      if (this.config.apiKey) headers["X-API-Key"] = this.config.apiKey;
      return headers;
    }

    setBusy(busy) {
      // aria-disabled, not disabled: a disabled button loses focus, and focus must never fall out of the panel
      this.ui.sendButton.setAttribute("aria-disabled", String(busy));
    }

    submit(text) {
      const question = (text === undefined ? this.ui.input.value : text).trim();
      if (!question || this.busy) return;
      if (text === undefined) {
        this.ui.input.value = "";
        this.fitInput();
      }
      this.ask(question);
    }

    async ask(question) {
      const t = this.t;
      const history = this.history();
      if (!this.messages.length) this.ui.log.replaceChildren();
      this.messages.push({ role: "user", content: question });
      this.save();
      this.ui.log.append(this.renderUser(question));

      const status = h("div", { class: "status", text: t.searching });
      const streamed = h("div", { class: "answer", hidden: true });
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
            const count = Array.isArray(data.passages) ? data.passages.length : 0;
            status.textContent = t.found(count);
          } else if (event === "delta") {
            text += typeof data.text === "string" ? data.text : "";
            status.textContent = t.writing;
            streamed.hidden = false;
            streamed.replaceChildren(renderMarkdown(text, null));
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
        pending.replaceWith(this.renderError(error));
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
      const rendered = this.renderAnswer(message);
      pending.replaceWith(rendered);
      // A long answer is read from its start; a short one just scrolls into view (never the host page).
      const log = this.ui.log;
      if (rendered.offsetHeight > log.clientHeight) log.scrollTop = rendered.offsetTop - log.offsetTop - 8;
      else this.scrollToEnd();
    }

    renderError(error) {
      const t = this.t;
      let title;
      let detail = null;
      if (error instanceof RequestError) {
        title = error.message;
        detail = error.detail;
      } else {
        title = t.networkError; // fetch rejects with a TypeError: offline, refused, or CORS said no
      }
      return h("div", { class: "msg error", role: "alert" }, h("strong", { text: title }), detail ? h("span", { text: detail }) : null);
    }

    // --- answers ---

    renderAnswer(message) {
      const t = this.t;
      const answer = message.answer;
      const citations = new Map((answer.citations || []).map((c) => [c.n, c]));
      const chip = (n) => {
        const citation = citations.get(n);
        if (!citation) return null;
        const who = citation.respondent ? citation.respondent.name_en || citation.respondent.name : citation.doc.symbol;
        const button = h("button", {
          type: "button",
          class: "chip",
          "data-n": String(n),
          "aria-label": t.chipLabel(n, who),
          title: t.chipLabel(n, who),
          text: String(n),
        });
        button.addEventListener("click", () => this.openPassage(citation, button));
        return button;
      };

      const body = h("div", { class: `answer${answer.answerable === false ? " unanswerable" : ""}`, lang: answer.language || null });
      body.append(renderMarkdown(answer.answer, chip));
      const node = h("div", { class: "msg bot" }, body);

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
            const opener = h("button", { type: "button", class: "source-link", text: describe(citation) });
            opener.addEventListener("click", () => this.openPassage(citation, opener));
            item.append(opener);
            return item;
          }),
        );
        node.append(h("details", { class: "sources" }, h("summary", { text: t.sourcesCount(citations.size) }), list));
      }
      if (Array.isArray(answer.warnings) && answer.warnings.length) {
        node.append(h("ul", { class: "warnings" }, answer.warnings.map((w) => h("li", { text: `⚠ ${w}` }))));
      }
      node.append(this.renderActions(message));
      return node;
    }

    renderActions(message) {
      const t = this.t;
      const note = h("span", { class: "note", role: "status" });
      const copy = h("button", { type: "button", class: "icon-button copy", "aria-label": t.copy, title: t.copy }, icon("copy"));
      copy.addEventListener("click", async () => {
        const ok = await copyText(plainText(message.answer, t), copy);
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
          box.replaceChildren(this.feedbackForm(message, rating, note, box, () => button));
          box.querySelector("textarea").focus();
        });
      }
      if (message.feedback) {
        note.className = "note ok";
        note.textContent = t.thanks;
      }
      return h("div", {}, h("div", { class: "actions" }, copy, up, down, note), box);
    }

    feedbackForm(message, rating, note, box, pressed) {
      const t = this.t;
      const id = `${TAG}-fb-${++instances}`;
      const comment = h("textarea", { id, placeholder: t.commentPlaceholder, maxlength: "2000" });
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

    openPassage(citation, opener) {
      const t = this.t;
      const view = this.ui.passage;
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

      const text = h("p", { class: "text" });
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
        h("div", { class: "passage-head" }, back, h("h3", { id: titleId, text: t.source(citation.n) })),
        h(
          "div",
          { class: "passage-body", tabindex: "-1" },
          h(
            "p",
            { class: "doc" },
            doc.symbol ? h("span", { class: "symbol", text: doc.symbol }) : null,
            doc.title ? h("span", { class: "doc-title", text: doc.title }) : null,
          ),
          meta,
          before,
          text,
          after,
          more,
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

  function describe(citation) {
    const parts = [];
    if (citation.doc && citation.doc.symbol) parts.push(citation.doc.symbol);
    const r = citation.respondent;
    if (r) parts.push(r.name_en || r.name);
    if (citation.paragraph) parts.push(`¶ ${citation.paragraph}`);
    return parts.join(" · ") || citation.id;
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
      box.append(h("p", { text: where ? `${where} — ${passage.text}` : passage.text }));
    }
  }

  function plainText(answer, t) {
    const lines = [answer.answer.trim()];
    const citations = answer.citations || [];
    if (citations.length) {
      lines.push("", `${t.sources}:`);
      for (const c of citations) lines.push(`[${c.n}] ${describe(c)}: “${c.quote}”`);
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
