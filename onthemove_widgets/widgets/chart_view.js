// An app's chart, drawn in the browser by Vega-Embed from the script the server hands out
// (onthemove_widgets/serve/chart_bundle.py), so a control's move costs the kernel only the
// spec. Where the script does not load, the kernel is told and sends the SVG instead.
// Every text shown goes in as text (textContent, alt, aria-label), never as markup.

let loading = null;

function baseUrl() {
  const config = document.getElementById("jupyter-config-data");
  try {
    return JSON.parse(config.textContent).baseUrl || "/";
  } catch {
    return "/";
  }
}

function vegaEmbed(bundle) {
  // One load per page, shared by every chart on it; the bundle sets window.vegaEmbed.
  loading ??= import(new URL(bundle, new URL(baseUrl(), location.href)).href).then(() => {
    if (typeof window.vegaEmbed !== "function") throw new Error("the charts' script has no vegaEmbed");
    return window.vegaEmbed;
  });
  return loading;
}

function render({ model, el }) {
  const figure = document.createElement("figure");
  figure.className = "otm-chart otm-vega";
  const drawing = document.createElement("div");
  drawing.className = "otm-vega-drawing";
  drawing.setAttribute("role", "img");
  const caption = document.createElement("figcaption");
  caption.className = "otm-chart-summary";
  figure.append(drawing, caption);
  el.append(figure);
  let view = null;
  let drawn = 0;

  function asImage(svg) {
    view?.finalize();
    view = null;
    const image = document.createElement("img");
    image.src = "data:image/svg+xml," + encodeURIComponent(svg);
    image.alt = model.get("alt");
    drawing.removeAttribute("role");
    drawing.replaceChildren(image);
  }

  async function draw() {
    const turn = ++drawn;  // a later spec wins over a slower earlier one
    caption.textContent = model.get("summary");
    caption.hidden = !model.get("summary");
    drawing.setAttribute("aria-label", model.get("alt"));
    if (model.get("svg")) return asImage(model.get("svg"));
    const spec = model.get("spec");
    if (!spec || !Object.keys(spec).length) return;
    try {
      const embed = await vegaEmbed(model.get("bundle"));
      const target = document.createElement("div");  // drawn aside, then swapped in: no flicker
      const result = await embed(target, structuredClone(spec), { renderer: "svg", actions: false });
      if (turn !== drawn) return result.view.finalize();
      view?.finalize();
      view = result.view;
      drawing.setAttribute("role", "img");
      drawing.replaceChildren(target);
    } catch (error) {
      model.send({ cannot_draw: String(error).slice(0, 200) });
    }
  }

  let pending = false;
  function soon() {  // one redraw for the several traits a `show` changes at once
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      draw();
    });
  }
  for (const name of ["spec", "svg", "summary", "alt"]) model.on(`change:${name}`, soon);
  draw();
  return () => view?.finalize();
}

export default { render };
