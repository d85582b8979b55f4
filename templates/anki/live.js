/* quizgen live problem card: shows one variant per review and grades the typed answer.
   Inlined into the front template (no network, no media file). Plain ES5 for old phone WebViews.
   The variant of a review is a function of data both sides can see: the note's identity, the local day
   and how many reviews of the note today came before (kept in storage when there is storage), through
   shuffles driven by a 32-bit integer hash. The front also records its choice (in this page's memory, sessionStorage
   and localStorage): desktop Anki re-runs this script in the same page, AnkiDroid loads a fresh page
   for the back, and some clients wipe storage when the card flips. A back that finds no record derives
   the variant again from the identity and the day; the front counts reviews only while backs find its
   records, so a client that wipes storage gets one variant per note and day on both sides.
   See README, "How it works on each Anki client". No script: variant 1. */
(function () {
  "use strict";
  var PREFIX = "quizgen-live:";
  var KEPT = PREFIX + "kept";  // "0" once a back found the front's record wiped; "1" while records survive
  var memory = window.__quizgenLive || (window.__quizgenLive = {});

  function storage(name) {
    try {
      var s = window[name], probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  /* The page's stores, in the order they are read (this page's memory comes last). DOM storage is one
     switch in Android's WebView, so a page whose sessionStorage is refused is treated as storage-less. */
  function stores() {
    var session = storage("sessionStorage");
    if (!session) return [];
    var local = storage("localStorage");
    return local ? [session, local] : [session];
  }

  function get(list, key) {
    for (var i = 0; i < list.length; i++) {
      try { var x = list[i].getItem(key); if (x !== null) return x; } catch (e) { /* next store */ }
    }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }

  function put(list, key, value) {
    memory[key] = value;
    for (var i = 0; i < list.length; i++) {
      try { list[i].setItem(key, value); } catch (e) { /* the other stores */ }
    }
  }

  function drop(list, key) {
    delete memory[key];
    for (var i = 0; i < list.length; i++) {
      try { list[i].removeItem(key); } catch (e) { /* nothing stored */ }
    }
  }

  /* 32-bit integer hashing: FNV-1a over the identity, murmur3's finalizer to mix. */
  var imul = Math.imul || function (a, b) {
    var al = a & 0xffff, bl = b & 0xffff;
    return (al * bl + ((((a >>> 16) & 0xffff) * bl + al * ((b >>> 16) & 0xffff)) << 16 >>> 0)) | 0;
  };

  function fmix(h) {
    h ^= h >>> 16;
    h = imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  function mix(a, b) {
    return fmix((a ^ fmix((b + 0x6d2b79f5) >>> 0)) >>> 0);
  }

  function hashText(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) h = imul(h ^ text.charCodeAt(i), 0x01000193);
    return fmix(h >>> 0);
  }

  /* 0 .. n-1 shuffled (Fisher-Yates) by a seed. */
  function shuffled(seed, n) {
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    for (var k = n - 1; k > 0; k--) {
      seed = mix(seed, k);
      var j = seed % (k + 1), x = order[k];
      order[k] = order[j];
      order[j] = x;
    }
    return order;
  }

  /* Element i of an endless walk through 0 .. m-1: a new shuffled order every m steps, the next order
     never starting with the previous one's last, so no step repeats the one before. */
  function walk(seed, i, m) {
    if (m === 2) return (mix(seed, 0) + i) % 2;  // the swap below would undo itself: just alternate
    var round = Math.floor(i / m), order = shuffled(mix(seed, round), m);
    if (round > 0 && m > 1) {
      var last = shuffled(mix(seed, round - 1), m)[m - 1];
      if (order[0] === last) { order[0] = order[1]; order[1] = last; }
    }
    return order[i % m];
  }

  /* The variant of the note's review number k (from 0) of the given day. The day's first review walks
     over the days (consecutive days differ, every variant comes once in n days); the day's reviews walk
     over all n variants from there (a review never repeats the one before; each comes once in n). */
  function pick(id, day, k, n) {
    var h = hashText(id), first = walk(h, day, n);
    if (!(k > 0) || n < 2) return first;
    var today = mix(h, day);
    return (first + walk(today, k, n) - walk(today, 0, n) + n) % n;
  }
  window.__quizgenLivePick = pick;  // for tests

  function today() {
    var now = new Date();
    return Math.floor((now.getTime() - now.getTimezoneOffset() * 60000) / 86400000);
  }

  /* Keep only variant v in the page. The others are removed, not just hidden: desktop Anki typesets
     the math after the card's scripts ran, so MathJax then works on one variant instead of all. */
  function keepOnly(blocks, v) {
    var kept = null;
    for (var i = blocks.length - 1; i >= 0; i--) {
      if (Number(blocks[i].getAttribute("data-qg-v")) === v) {
        blocks[i].removeAttribute("hidden");
        kept = blocks[i];
        var images = kept.querySelectorAll("img[data-qg-src]");
        for (var k = 0; k < images.length; k++) images[k].setAttribute("src", images[k].getAttribute("data-qg-src"));
      } else if (blocks[i].parentNode) blocks[i].parentNode.removeChild(blocks[i]);
    }
    return kept;
  }

  /* A typed number: 7/3, 2.333, -0.5, 1e-3. "allow" is how far a rounded decimal may be from the
     exact value: half a unit of its last digit, once it shows three significant digits. */
  function number(t) {
    t = t.replace(/\u2212/g, "-").replace(/\s+/g, "");
    if (t.indexOf("/") >= 0) {
      var p = t.split("/");
      if (p.length !== 2) return null;
      var a = number(p[0]), b = number(p[1]);
      if (!a || !b || b.value === 0) return null;
      return { value: a.value / b.value, allow: 0 };
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
    var allow = 0, m = /^[+-]?(\d*)\.(\d+)$/.exec(t);
    if (m) {
      var significant = (m[1] + m[2]).replace(/^0+/, "").length;
      if (significant >= 3) allow = 0.5 * Math.pow(10, -m[2].length);
    }
    return { value: parseFloat(t), allow: allow };
  }

  /* A typed answer of n numbers: a scalar may use a decimal comma (2,333); a list is separated by
     commas or spaces, or by semicolons when its numbers use decimal commas. Brackets are ignored. */
  function numbers(text, n) {
    var t = text.replace(/[\[\](){}]/g, " ").replace(/^\s+|\s+$/g, "");
    var parts;
    if (n === 1) parts = [/^[+\-\u2212]?\d+,\d+$/.test(t) ? t.replace(",", ".") : t];
    else if (t.indexOf(";") >= 0) {
      parts = [];
      var groups = t.split(";");
      for (var g = 0; g < groups.length; g++) {
        var words = groups[g].split(/\s+/);
        for (var w = 0; w < words.length; w++) parts.push(words[w].replace(",", "."));
      }
    } else parts = t.split(/[\s,]+/);
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      var x = number(parts[i]);
      if (!x) return null;
      out.push(x);
    }
    return out.length ? out : null;
  }

  function near(typed, values, tol) {
    if (typed.length !== values.length) return false;
    for (var i = 0; i < values.length; i++) {
      var slack = Math.max(tol, typed[i].allow) + 1e-9 * Math.max(1, Math.abs(values[i]));
      if (!(Math.abs(typed[i].value - values[i]) <= slack)) return false;
    }
    return true;
  }

  function say(box, cls, head, rest) {
    box.className = "qg-verdict " + cls;
    box.innerHTML = "";
    var strong = document.createElement("strong");
    strong.textContent = head;
    box.appendChild(strong);
    if (rest) box.appendChild(document.createTextNode(" " + rest));
    box.removeAttribute("hidden");
  }

  function reveal(block, why) {
    var el = block && block.querySelector('.qg-why[data-qg-why="' + why + '"]');
    if (el) el.removeAttribute("hidden");
    var steps = block && block.querySelector("details.qg-solution");
    if (steps) steps.setAttribute("open", "");
  }

  function grade(check, typed, chosen, box, block, front) {
    if (check.kind === "choice") {
      if (chosen === null) return;
      var i = Number(chosen), letter = String.fromCharCode(65 + i);
      var buttons = front.querySelectorAll(".qg-opt");
      for (var b = 0; b < buttons.length; b++) {
        var o = Number(buttons[b].getAttribute("data-qg-o"));
        if (o === check.correct) buttons[b].className += " qg-opt-right";
        else if (o === i) buttons[b].className += " qg-opt-wrong";
      }
      if (i === check.correct) { say(box, "qg-right", "Right.", "You chose " + letter + "."); return; }
      say(box, "qg-wrong", "Not right.", "You chose " + letter + ", which is what this mistake gives:");
      reveal(block, check.mistakes[String(i)]);
      return;
    }
    if (check.kind !== "number" || typed === null || !typed.replace(/\s+/g, "")) return;
    var read = numbers(typed, check.values.length);
    if (!read) {
      say(box, "qg-unread", "Could not read \u201c" + typed + "\u201d as " +
          (check.values.length === 1 ? "a number" : "a list of " + check.values.length + " numbers") + ".",
          "Compare it with the answer below.");
      return;
    }
    if (near(read, check.values, check.tol)) { say(box, "qg-right", "Right.", "You wrote " + typed + "."); return; }
    for (var k = 0; k < check.mistakes.length; k++) {
      var m = check.mistakes[k];
      if (near(read, m.values, m.tol)) {
        say(box, "qg-wrong", "Not right.", "You wrote " + typed + ", which is what this mistake gives:");
        reveal(block, m.why);
        return;
      }
    }
    say(box, "qg-wrong", "Not right.", "You wrote " + typed + ".");
    reveal(block, -1);
  }

  function run() {
    var front = document.querySelector(".qg-live");
    if (!front) return;
    var id = PREFIX + front.getAttribute("data-qg-id");
    var blocks = front.querySelectorAll(".qg-v");
    var n = blocks.length;
    if (!n || front.getAttribute("data-qg-shown") !== null) return;
    var back = document.querySelector(".qg-live-back");
    var s = stores();
    var day = today();
    var v, lost = false;
    if (!back) {
      /* Today's review number of this note, counted only while backs find the fronts' records: after a
         wipe the back cannot know it, so then every review is number 0, which the back derives too. */
      var count = (get(s, id + ":count") || "").split(",");
      var k = get(s, KEPT) !== "0" && Number(count[0]) === day && Number(count[1]) > 0 ? Number(count[1]) : 0;
      v = pick(id, day, k, n);
      put(s, id + ":count", day + "," + (k + 1));
      put(s, id, String(v));
      drop(s, id + ":typed");
      drop(s, id + ":chosen");
    } else {
      var kept = get(s, id);
      v = kept === null || kept === "" ? NaN : Number(kept);
      lost = !(v >= 0 && v < n && v === Math.floor(v));
      if (lost) v = pick(id, day, 0, n);
      put(s, KEPT, lost ? "0" : "1");
    }
    var shown = keepOnly(blocks, v);
    front.setAttribute("data-qg-shown", String(v));
    var kind = shown.getAttribute("data-qg-kind");
    var typedBox = front.querySelector(".qg-typed");
    var input = front.querySelector(".qg-input");
    if (!back) {
      if (kind === "number" && typedBox && input) {
        typedBox.removeAttribute("hidden");
        var keep = function () { put(s, id + ":typed", input.value); };
        input.addEventListener("input", keep);
        input.addEventListener("change", keep);
        input.addEventListener("keydown", function (e) {
          var ask = typeof window.pycmd === "function";
          if (e.key === "Enter" || e.keyCode === 13) {
            if (ask) window.pycmd("ans");
          } else if ((e.key === " " || e.keyCode === 32) && !input.value) {
            /* An empty box lets space show the answer, as it does without a box; on a client without
               pycmd, leaving the box gives the next key back to the client's own shortcuts. */
            e.preventDefault();
            if (ask) window.pycmd("ans"); else input.blur();
          }
        });
        /* autofocus in the template, and focus() for clients that ignore it on HTML set by script. */
        try { input.focus(); } catch (e) { /* not focusable here */ }
      }
      var options = shown.querySelectorAll(".qg-opt");
      for (var i = 0; i < options.length; i++) {
        options[i].addEventListener("click", function (e) {
          var o = e.currentTarget;
          for (var j = 0; j < options.length; j++) options[j].setAttribute("aria-pressed", "false");
          o.setAttribute("aria-pressed", "true");
          put(s, id + ":chosen", o.getAttribute("data-qg-o"));
        });
      }
      return;
    }
    var solution = keepOnly(back.querySelectorAll(".qg-v"), v);
    var checks;
    try {
      checks = JSON.parse(back.querySelector(".qg-checks").textContent);
    } catch (e) {
      return;
    }
    var check = checks.variants && checks.variants[v];
    var box = back.querySelector(".qg-verdict");
    if (!check || !box) return;
    if (lost && (check.kind === "number" || check.kind === "choice")) {
      say(box, "qg-unread", "If you " + (check.kind === "number" ? "typed an answer" : "chose an option") +
          ", it did not reach this side:", "this Anki client keeps no storage from the front to the back. " +
          "Compare with the answer below.");
      return;
    }
    grade(check, get(s, id + ":typed"), get(s, id + ":chosen"), box, solution, shown);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
