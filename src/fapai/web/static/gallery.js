/* The auction page's photos, enlarged: a click (or Enter) on a photo opens it in a
   modal viewer; the arrow keys, the buttons or a horizontal swipe go to the previous
   or next photo, Home and End to the first and last, Esc closes it and gives the focus
   back to the photo it came from. Nothing is loaded but the photos themselves. */
"use strict";

(function () {
  const thumbs = Array.from(document.querySelectorAll("#photos .thumb"));
  const viewer = document.getElementById("viewer");
  if (!thumbs.length || !viewer) return;
  const img = document.getElementById("viewer-img");
  const caption = document.getElementById("viewer-caption");
  const count = document.getElementById("viewer-count");
  const SWIPE = 40; // px of horizontal travel that turns the photo
  let at = 0;
  let from = null; // the pointer's start of a swipe

  function show(index) {
    at = (index + thumbs.length) % thumbs.length;
    const t = thumbs[at];
    img.src = t.dataset.src;
    img.alt = t.dataset.title;
    caption.textContent = t.dataset.title;
    count.textContent = `${at + 1} / ${thumbs.length}`;
    viewer.dataset.index = String(at);
  }

  function open(index) {
    show(index);
    if (!viewer.open) viewer.showModal();
  }

  thumbs.forEach((t, i) => t.addEventListener("click", () => open(i)));
  document.getElementById("viewer-prev").addEventListener("click", () => show(at - 1));
  document.getElementById("viewer-next").addEventListener("click", () => show(at + 1));
  document.getElementById("viewer-close").addEventListener("click", () => viewer.close());
  viewer.addEventListener("close", () => thumbs[at].focus());
  viewer.addEventListener("click", (e) => {
    if (e.target === viewer) viewer.close(); // the backdrop
  });
  viewer.addEventListener("keydown", (e) => {
    const to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: thumbs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    show(to);
  });
  const figure = viewer.querySelector("figure");
  figure.addEventListener("pointerdown", (e) => {
    from = { x: e.clientX, y: e.clientY };
  });
  figure.addEventListener("pointerup", (e) => {
    if (!from) return;
    const dx = e.clientX - from.x;
    const dy = e.clientY - from.y;
    from = null;
    if (Math.abs(dx) >= SWIPE && Math.abs(dx) > Math.abs(dy)) show(dx < 0 ? at + 1 : at - 1);
  });
  figure.addEventListener("pointercancel", () => {
    from = null;
  });
  img.addEventListener("dragstart", (e) => e.preventDefault());
})();
