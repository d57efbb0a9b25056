// What the browser test checks on a page, measured from Chromium's computed styles.
// Evaluated as an expression; returns plain JSON:
//   badges:   every .seml-badge: its text, title, colours and contrast ratio
//   texts:    every element with text of ours (lists, cards, tables, entry boxes,
//             bibliographies, citations, filter controls): colour against the nearest opaque background
//   overflow: every box of ours whose content is wider than the box or which sticks out
//             of its container
//   citations: the links of the citations, with their title
(() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });

  // Any CSS colour (rgb, hex, oklch, color(), named...) as [r, g, b, a] in sRGB 0-255 / 0-1.
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const lin = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const ratio = (fg, bg) => {
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c) => "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

  // The page's canvas: the root's background, else the browser's default for its scheme.
  const canvasColour = () => {
    for (const el of [document.documentElement, document.body]) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c[3] === 1) return c;
    }
    const dark = getComputedStyle(document.documentElement).colorScheme.includes("dark")
      && matchMedia("(prefers-color-scheme: dark)").matches;
    return dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
  };
  const CANVAS = canvasColour();

  // The background an element's text sits on: its own and its ancestors' backgrounds,
  // composited down to the first opaque one (or the canvas); and the opacity that
  // elements between them apply to the text.
  const backdrop = (el) => {
    const layers = [];
    let opacity = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      const bg = rgba(style.backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
      opacity *= parseFloat(style.opacity);
    }
    let colour = layers.length && layers[layers.length - 1][3] === 1 ? layers.pop() : CANVAS;
    while (layers.length) colour = over(layers.pop(), colour);
    return { colour, opacity };
  };
  const contrastOf = (el) => {
    const style = getComputedStyle(el);
    const { colour: bg, opacity } = backdrop(el);
    const fg = rgba(style.color);
    fg[3] *= opacity;
    const shown = over(fg, bg);
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    // WCAG large text: 18pt (24px), or 14pt (18.66px) bold, needs 3:1 only.
    const large = size >= 24 || (bold && size >= 18.66);
    return {
      ratio: Math.round(ratio(shown, bg) * 100) / 100,
      required: large ? 3 : 4.5,
      color: hex(shown),
      background: hex(bg),
    };
  };
  const describe = (el) => {
    const cls = el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return el.tagName.toLowerCase() + cls;
  };
  const ownText = (el) => [...el.childNodes]
    .filter((n) => n.nodeType === 3)
    .map((n) => n.textContent).join("").replace(/\s+/g, " ").trim();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  };

  const OURS = [
    ".seml-list", ".seml-entry-detail", ".seml-bibliography", ".seml-legend-box",
    ".seml-category", ".seml-citation", "p.seml-empty", ".seml-filters",
  ].join(", ");

  const badges = [...document.querySelectorAll(".seml-badge")].filter(visible).map((el) => {
    const label = el.querySelector(".seml-badge-label");
    return {
      text: el.textContent.replace(/\s+/g, " ").trim(),
      title: el.getAttribute("title") || "",
      ariaLabel: el.getAttribute("aria-label") || "",
      tabIndex: el.tabIndex,
      where: describe(el.parentElement),
      ...contrastOf(label || el),
      ownBackground: hex(rgba(getComputedStyle(el).backgroundColor)),
    };
  });

  const seen = new Set();
  const texts = [];
  for (const root of document.querySelectorAll(OURS)) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (seen.has(el) || el.closest(".seml-badge") || !visible(el)) continue;
      seen.add(el);
      const text = ownText(el);
      if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
      texts.push({
        text: text.slice(0, 60),
        element: describe(el),
        themed: !!el.closest("a, code"),
        ...contrastOf(el),
      });
    }
  }

  const overflow = [];
  const boxes = document.querySelectorAll([
    ".seml-style-cards", ".seml-card", "table.seml-list", ".seml-entry-detail",
    ".seml-bibliography", ".seml-legend-box", "ul.seml-list", "ol.seml-list",
    ".seml-references", "p.seml-description", "p.seml-empty", ".seml-filters",
    ".seml-filter-bar", ".seml-filter-group",
  ].join(", "));
  for (const el of boxes) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    const parent = el.parentElement.getBoundingClientRect();
    const problems = [];
    if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== "TABLE") {
      problems.push(`content ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
    }
    if (rect.right > parent.right + 1 || rect.left < parent.left - 1) {
      problems.push(`box ${Math.round(rect.left)}-${Math.round(rect.right)} outside its parent `
        + `${Math.round(parent.left)}-${Math.round(parent.right)}`);
    }
    if (rect.right > innerWidth + 1) {
      problems.push(`right edge ${Math.round(rect.right)} beyond the ${innerWidth}px window`);
    }
    if (problems.length) overflow.push({ element: describe(el), problems });
  }

  const citations = [...document.querySelectorAll(".seml-citation a")].map((a) => ({
    text: a.textContent.trim(),
    title: a.getAttribute("title") || "",
    href: a.getAttribute("href") || "",
  }));

  return {
    theme: {
      htmlTheme: document.documentElement.dataset.theme || "",
      bodyTheme: document.body.dataset.theme || "",
      canvas: hex(CANVAS),
    },
    badges, texts, overflow, citations,
  };
})()
