/* A lot's photos, video and appraisal report on the court's desk (OJA Art 13(5); issue 16):
   what was uploaded, counted against what a lot usually has (seed 003 Art 3(1): 8 photos,
   90 s of video; a count, never a block), and for the auction office the upload form. A
   draft's pictures are the court's alone, so the page fetches each with the token and
   shows it by an object URL; a report is fetched only when asked for, and saved. */
"use strict";

(function () {
  const f = window.fapai;
  const c = f.court;
  const setup = f.data().materials || { kinds: {}, max_bytes: 0 };
  const urls = new Map(); // material id -> Promise of an object URL (null if unreadable)
  const seconds = new Map(); // video id -> its length, once the browser has read it
  let office = false; // the auction office uploads and takes off; the other roles look

  function slot(root, name) {
    return root.querySelector(`[data-slot="${name}"]`);
  }

  /** Fetched once for the page's life, so redrawing the case fetches nothing again. */
  function objectUrl(lotId, id) {
    if (!urls.has(id)) {
      urls.set(id, (async () => {
        try {
          const reply = await fetch(`/api/v1/court/lots/${lotId}/materials/${id}`, {
            headers: { Authorization: "Bearer " + f.store.get("court") },
          });
          return reply.ok ? URL.createObjectURL(await reply.blob()) : null;
        } catch (e) {
          return null;
        }
      })());
    }
    return urls.get(id);
  }

  function count(section, items) {
    const photos = items.filter((m) => m.kind === "photo").length;
    const video = items.reduce((sum, m) => sum + (seconds.get(m.id) || 0), 0);
    slot(section, "photos").textContent = String(photos);
    slot(section, "video-seconds").textContent = String(Math.floor(video));
    slot(section, "no-media").hidden = items.length > 0;
  }

  /** The office's 撤下: asks why, and takes the file off the lot and the public page. */
  function withdrawButton(section, lotId, m, items) {
    const button = c.el("button", { type: "button", class: "link", text: c.t("material.withdraw") });
    button.addEventListener("click", async () => {
      const reason = window.prompt(c.t("material.withdraw_reason", { title: m.title }));
      if (reason === null) return;
      const reply = await c.api("POST", `/court/lots/${lotId}/materials/${m.id}/withdrawal`, { reason });
      if (!reply.ok) {
        f.notify(f.errorText(reply), "warn");
        return;
      }
      items.splice(items.indexOf(m), 1);
      draw(section, lotId, items);
      f.notify(c.t("material.withdrawn", { title: m.title }), "ok");
    });
    return button;
  }

  /** A report: its caption and a button that fetches it with the token and saves it. */
  function report(section, lotId, m, items) {
    const get = c.el("button", { type: "button", class: "link", text: c.t("material.report") });
    get.addEventListener("click", () => c.download(`/court/lots/${lotId}/materials/${m.id}`));
    const shown = c.el("li", { "data-material": String(m.id), "data-kind": m.kind }, get, " ", c.el("span", { text: m.title }));
    if (office) shown.append(" ", withdrawButton(section, lotId, m, items));
    return shown;
  }

  function item(section, lotId, m, items) {
    const media = m.kind === "video"
      ? c.el("video", { controls: true, preload: "metadata", "aria-label": m.title })
      : c.el("img", { alt: m.title });
    if (m.kind === "video") {
      media.addEventListener("loadedmetadata", () => {
        if (Number.isFinite(media.duration)) seconds.set(m.id, media.duration);
        count(section, items);
      });
    }
    objectUrl(lotId, m.id).then((url) => {
      if (url) media.src = url;
    });
    const shown = c.el("li", { "data-material": String(m.id), "data-kind": m.kind }, media, c.el("span", { class: "caption", text: m.title }));
    if (office) shown.append(withdrawButton(section, lotId, m, items));
    return shown;
  }

  function draw(section, lotId, items) {
    const media = items.filter((m) => m.kind !== "document");
    slot(section, "media").replaceChildren(...media.map((m) => item(section, lotId, m, items)));
    slot(section, "documents").replaceChildren(...items.filter((m) => m.kind === "document").map((m) => report(section, lotId, m, items)));
    count(section, items);
  }

  /** The file as the request body, its type as the Content-Type: {ok, status, data}. */
  async function send(lotId, file, title, redacted) {
    const query = `title=${encodeURIComponent(title)}${redacted ? "&redacted=true" : ""}`;
    try {
      const reply = await fetch(`/api/v1/court/lots/${lotId}/materials?${query}`, {
        method: "POST",
        headers: {
          Accept: "application/json",
          Authorization: "Bearer " + f.store.get("court"),
          "Content-Type": file.type || "application/octet-stream",
        },
        body: file,
      });
      let data = null;
      try {
        data = await reply.json();
      } catch (e) {
        data = null;
      }
      return { ok: reply.ok, status: reply.status, data };
    } catch (e) {
      return { ok: false, status: 0, data: null };
    }
  }

  /** The office's form: the page refuses only what it cannot send (no file, no caption,
      a file over the limit); every other refusal is the API's sentence as it comes (a PDF
      without the declaration that its personal information is hidden among them). */
  function uploadForm(section, lotId, items) {
    const block = document.getElementById("material-form").content.firstElementChild.cloneNode(true);
    const form = block.querySelector("form");
    const problem = form.querySelector("[data-error]");
    const submit = form.querySelector("button[type=submit]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      const file = form.elements.file.files[0];
      const caption = form.elements.title;
      const title = caption.value.trim();
      let refusal = null;
      if (!file) refusal = [form.dataset.noFile, form.elements.file];
      else if (!title) refusal = [f.t("error.required", { field: caption.dataset.label }), caption];
      else if (file.size > setup.max_bytes) refusal = [form.dataset.tooLarge, form.elements.file];
      if (refusal) {
        problem.textContent = refusal[0];
        refusal[1].focus();
        return;
      }
      submit.disabled = true;
      try {
        const reply = await send(lotId, file, title, form.elements.redacted.checked);
        if (!reply.ok) {
          problem.textContent = f.errorText(reply);
          return;
        }
        const id = reply.data.id;
        urls.set(id, Promise.resolve(URL.createObjectURL(file)));
        items.push({ id, kind: setup.kinds[file.type] || "photo", title });
        draw(section, lotId, items);
        form.reset();
        f.notify(f.t(form.dataset.done, { title }), "ok");
      } finally {
        submit.disabled = false;
      }
    });
    return block;
  }

  /** Fill a lot's section: the list for every court user, the form for the office. */
  function show(section, lot, who) {
    const items = (lot.materials || []).map((m) => ({ id: m.id, kind: m.kind, title: m.title }));
    office = who.role === "auction_office";
    draw(section, lot.id, items);
    if (office) slot(section, "media-upload").append(uploadForm(section, lot.id, items));
    const others = slot(section, "media-others");
    const label = document.getElementById("material-form").content.querySelector("summary").textContent;
    others.textContent = c.t("case.others", { role: c.t("role.auction_office"), acts: label });
    others.hidden = office;
  }

  c.materials = show;
})();
