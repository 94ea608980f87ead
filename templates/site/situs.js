/* The site's only script, written for this site: client-side search, and hover/focus highlight, zoom
   and pan for the job-family graph. Text is always set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setupSearch() {
    var input = document.getElementById("cari");
    if (!input || !window.KOMPILER_INDEKS) { return; }
    var form = document.getElementById("form-cari");
    var list = document.getElementById("hasil-cari");
    var status = document.getElementById("cari-status");
    var entries = window.KOMPILER_INDEKS.map(function (entry) {
      return { entry: entry, name: fold(entry[1]), code: fold(entry[0]), all: fold(entry.slice(0, 4).join(" ")) };
    });

    function rank(item, query) {
      if (item.code === query) { return 0; }
      if (item.name.indexOf(query) >= 0 || item.code.indexOf(query) >= 0) { return 1; }
      return 2;
    }

    function run() {
      var query = fold(input.value).trim();
      list.textContent = "";
      if (!query) { list.hidden = true; status.textContent = ""; return; }
      var terms = query.split(/\s+/);
      var hits = entries.filter(function (item) {
        return terms.every(function (term) { return item.all.indexOf(term) >= 0; });
      });
      hits.sort(function (a, b) {
        return rank(a, query) - rank(b, query) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      hits.slice(0, 200).forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.entry[4];
        link.textContent = item.entry[1];
        var code = document.createElement("span");
        code.className = "kode";
        code.textContent = " " + item.entry[0];
        var family = document.createElement("span");
        family.className = "rumpun-hasil";
        family.textContent = item.entry[2];
        li.appendChild(link);
        li.appendChild(code);
        li.appendChild(family);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
      var found = hits.length === 1 ? status.dataset.countOne : status.dataset.count;
      status.textContent = hits.length ? hits.length + " " + found : status.dataset.none;
    }

    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
      var first = list.querySelector("a");
      if (first) { first.focus(); }
    });
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; run(); }
  }

  function setupGraph() {
    var svg = document.getElementById("graf");
    if (!svg) { return; }
    var info = document.getElementById("graf-info");
    var nodes = {};
    var links = {};
    svg.querySelectorAll(".simpul a").forEach(function (node) { nodes[node.dataset.kode] = node; });
    svg.querySelectorAll(".tepi line").forEach(function (line) {
      (links[line.dataset.a] = links[line.dataset.a] || []).push(line);
      (links[line.dataset.b] = links[line.dataset.b] || []).push(line);
    });

    function clear() {
      svg.classList.remove("redup");
      svg.querySelectorAll(".sorot, .tetangga").forEach(function (el) { el.classList.remove("sorot", "tetangga"); });
      info.textContent = "";
    }

    function highlight(code) {
      clear();
      var mine = links[code] || [];
      svg.classList.add("redup");
      nodes[code].classList.add("sorot");
      mine.forEach(function (line) {
        line.classList.add("sorot");
        nodes[line.dataset.a === code ? line.dataset.b : line.dataset.a].classList.add("tetangga");
      });
      info.textContent = nodes[code].getAttribute("aria-label") + " — " + info.dataset.label + " " + mine.length;
    }

    Object.keys(nodes).forEach(function (code) {
      var node = nodes[code];
      node.addEventListener("mouseenter", function () { highlight(code); });
      node.addEventListener("focus", function () { highlight(code); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("blur", clear);
    });

    var home = svg.viewBox.baseVal;
    var view = { x: home.x, y: home.y, w: home.width, h: home.height };
    var start = { x: view.x, y: view.y, w: view.w, h: view.h };

    function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }

    function zoom(factor, cx, cy) {
      var w = Math.min(start.w * 1.5, Math.max(start.w / 12, view.w / factor));
      var scale = w / view.w;
      cx = cx === undefined ? view.x + view.w / 2 : cx;
      cy = cy === undefined ? view.y + view.h / 2 : cy;
      view.x = cx - (cx - view.x) * scale;
      view.y = cy - (cy - view.y) * scale;
      view.w = w;
      view.h = view.h * scale;
      apply();
    }

    function reset() { view = { x: start.x, y: start.y, w: start.w, h: start.h }; apply(); }

    function toSvg(event) {
      var box = svg.getBoundingClientRect();
      return { x: view.x + (event.clientX - box.left) / box.width * view.w, y: view.y + (event.clientY - box.top) / box.height * view.h };
    }

    document.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.zoom;
        if (action === "in") { zoom(1.4); } else if (action === "out") { zoom(1 / 1.4); } else { reset(); }
      });
    });

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var point = toSvg(event);
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, point.x, point.y);
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a")) { return; }
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var box = svg.getBoundingClientRect();
      view.x = drag.vx - (event.clientX - drag.x) / box.width * view.w;
      view.y = drag.vy - (event.clientY - drag.y) / box.height * view.h;
      apply();
    });
    /* On a touch screen the browser keeps vertical swipes (the page scrolls past the picture) and
       pinches (the page zooms): only a sideways drag pans the picture, and the browser cancels ours. */
    svg.addEventListener("pointerup", function () { drag = null; });
    svg.addEventListener("pointercancel", function () { drag = null; });

    /* "Show" beside a merge group: its members and lines highlighted, the view fitted around them. */
    document.querySelectorAll("button[data-grup]").forEach(function (button) {
      button.addEventListener("click", function () {
        var code = button.dataset.grup;
        var members = svg.querySelectorAll('.simpul a[data-grup="' + code + '"]');
        if (!members.length) { return; }
        clear();
        svg.classList.add("redup");
        var box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
        members.forEach(function (node) {
          node.classList.add("sorot");
          var circle = node.querySelector("circle");
          var x = circle.cx.baseVal.value, y = circle.cy.baseVal.value;
          box = { x1: Math.min(box.x1, x), y1: Math.min(box.y1, y), x2: Math.max(box.x2, x), y2: Math.max(box.y2, y) };
        });
        svg.querySelectorAll('.gabungan line[data-grup="' + code + '"]').forEach(function (line) { line.classList.add("sorot"); });
        var w = Math.max(box.x2 - box.x1 + 360, start.w / 6);
        var h = w * start.h / start.w;
        h = Math.max(h, box.y2 - box.y1 + 120);
        w = h * start.w / start.h;
        view = { x: (box.x1 + box.x2) / 2 - w / 2 + 80, y: (box.y1 + box.y2) / 2 - h / 2, w: w, h: h };
        apply();
        info.textContent = button.parentNode.textContent.replace(button.textContent, "").trim();
        svg.scrollIntoView({ block: "nearest" });
      });
    });

    /* graf.html#grup-<KODE> (the proposals page links so) opens with that merge group shown. */
    if (window.location.hash.indexOf("#grup-") === 0) {
      var wanted = decodeURIComponent(window.location.hash.slice(6));
      document.querySelectorAll("button[data-grup]").forEach(function (button) {
        if (button.dataset.grup === wanted) { button.click(); }
      });
    }

    svg.addEventListener("keydown", function (event) {
      var step = view.w / 10;
      var keys = {
        "+": function () { zoom(1.4); }, "=": function () { zoom(1.4); }, "-": function () { zoom(1 / 1.4); },
        "0": reset,
        ArrowLeft: function () { view.x -= step; apply(); }, ArrowRight: function () { view.x += step; apply(); },
        ArrowUp: function () { view.y -= step; apply(); }, ArrowDown: function () { view.y += step; apply(); }
      };
      if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
    });
  }

  /* Whether a standard is in force is a question about the day the page is read, not the day it was
     built: the badge is worked out here from the effective dates, so an old copy on an intranet still
     tells the truth. Without script the dates themselves remain on the page. */
  function setupStatus() {
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
      String(today.getDate()).padStart(2, "0");
    var labels = document.body.dataset;
    Array.prototype.forEach.call(document.querySelectorAll(".lencana[data-mulai]"), function (badge) {
      var from = badge.dataset.mulai, until = badge.dataset.sampai;
      var state = from && iso < from ? "terjadwal" : (until && iso > until ? "berakhir" : "berlaku");
      badge.textContent = labels["status" + state.charAt(0).toUpperCase() + state.slice(1)];
      badge.className = "lencana lencana-" + state;
      badge.hidden = false;
    });
  }

  setupSearch();
  setupGraph();
  setupStatus();
}());
