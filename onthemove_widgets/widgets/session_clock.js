// The protocol clock: the agenda, the current step's countdown and the session's time
// left, counted in the browser so a busy kernel never makes it stutter. The kernel owns
// the state (clock.py); buttons send a command and the kernel answers with a new state.
// Arithmetic mirrors onthemove_widgets/protocols/clock.py.

function mmss(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

function elapsed(state, now) {
  if (state.step_started_at == null) return 0;
  const until = state.paused_at != null ? state.paused_at : now;
  return Math.max(until - state.step_started_at - (state.step_paused || 0), 0);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function render({ model, el }) {
  el.classList.add("otm-clock");
  const agenda = element("ol", "otm-clock-agenda");
  const title = element("div", "otm-clock-title");
  const count = element("div", "otm-clock-count");
  count.setAttribute("role", "timer");
  const status = element("div", "otm-clock-status");
  status.setAttribute("aria-live", "polite");
  const left = element("div", "otm-clock-left");
  const buttons = element("div", "otm-clock-buttons");
  const labels = { back: "Back", start: "Start", next: "Next step" };
  const press = {};
  for (const [command, label] of Object.entries(labels)) {
    const button = element("button", `otm-clock-${command}`, label);
    button.type = "button";
    button.addEventListener("click", () => model.send({ command: command === "start" && running() ? "pause" : command }));
    press[command] = button;
    buttons.append(button);
  }
  const face = element("div", "otm-clock-face");
  face.append(title, count, status, left, buttons);
  el.append(face, agenda);

  let offset = 0; // server seconds minus browser seconds
  const now = () => Date.now() / 1000 + offset;
  const state = () => model.get("state") || {};
  const running = () => state().started_at != null && state().paused_at == null;

  function drawAgenda() {
    agenda.replaceChildren();
    const position = state().position || 0;
    model.get("items").forEach((item, index) => {
      const row = element("li", index === position ? "otm-current" : "", `${item.title} · ${item.minutes_text} min`);
      if (index === position) row.setAttribute("aria-current", "step");
      agenda.append(row);
    });
  }

  function tick() {
    const s = state(), items = model.get("items"), position = s.position || 0;
    const item = items[position] || { title: "", budget: null };
    const spent = elapsed(s, now());
    title.textContent = `Step ${position + 1} of ${items.length}: ${item.title}`;
    face.classList.remove("otm-amber", "otm-red");
    if (item.budget == null) {
      count.textContent = mmss(spent);
      status.textContent = "No set time: the clock counts up.";
    } else {
      const remaining = item.budget * 60 - spent;
      count.textContent = remaining < 0 ? `over by ${mmss(-remaining)}` : mmss(remaining);
      if (remaining < 0) face.classList.add("otm-red");
      else if (item.shortest != null && spent >= item.shortest * 60 && item.shortest < item.budget) face.classList.add("otm-amber");
      status.textContent = s.started_at == null ? "Not started" : s.paused_at != null ? "Paused" : remaining < 0 ? "Over time: move on when the team is ready." : "Running";
    }
    const later = items.slice(position + 1).reduce((sum, i) => sum + (i.budget || 0) * 60, 0);
    const here = item.budget == null ? 0 : Math.max(item.budget * 60 - spent, 0);
    left.textContent = `Session time left: ${mmss(here + later)}`;
    press.start.textContent = s.started_at == null ? "Start" : s.paused_at != null ? "Resume" : "Pause";
    press.back.disabled = position === 0;
    press.next.disabled = position >= items.length - 1;
    buttons.hidden = model.get("follower");
    if (model.get("follower")) status.textContent += " · following the room's facilitator";
  }

  model.on("change:server_now", () => { offset = model.get("server_now") - Date.now() / 1000; tick(); });
  model.on("change:state", () => { drawAgenda(); tick(); });
  model.on("change:items", () => { drawAgenda(); tick(); });
  model.on("change:follower", tick);
  drawAgenda();
  tick();
  model.send({ command: "sync" }); // a re-rendered view asks for the server's time afresh
  const timer = setInterval(tick, 250);
  return () => clearInterval(timer);
}

export default { render };
