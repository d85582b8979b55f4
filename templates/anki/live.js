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

  /* A typed answer is read by these rules, in this order, and nowhere else (README: "Typed answers"):
     1. What the card itself shows around the numbers is skipped: a label up to "=" ("x' =", "(w_1, b_1) ="),
        the words of the answer ("mean", "F1", sent by the build in check.words), a degree sign, and the
        rounded decimal after "\u2248" (13/3 \u2248 4.3333 reads as 13/3). A "%" divides its number by 100.
     2. Brackets, semicolons, spaces, and a comma next to a space or a non-digit separate numbers. Spaces
        are never glued: "1 5" is two numbers. Spaces around "/" and after a leading minus are dropped.
     3. A comma between two digits (1,5) is a decimal comma when reading it so gives as many numbers as the
        answer has, and a list comma otherwise; a piece with a decimal point or two commas is a list.
     4. Each number is an integer, a decimal, a fraction a/b or 1e-3. "allow" is how far a rounded decimal
        may be from the exact value: half a unit of its last digit, once it shows three significant digits. */
  function number(t) {
    var percent = t.charAt(t.length - 1) === "%";
    if (percent) t = t.slice(0, -1);
    var x = null;
    if (t.indexOf("/") >= 0) {
      var p = t.split("/");
      if (p.length !== 2) return null;
      var a = number(p[0]), b = number(p[1]);
      if (!a || !b || b.value === 0) return null;
      x = { value: a.value / b.value, allow: 0 };
    } else {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
      var allow = 0, m = /^[+-]?(\d*)\.(\d+)$/.exec(t);
      if (m) {
        var significant = (m[1] + m[2]).replace(/^0+/, "").length;
        if (significant >= 3) allow = 0.5 * Math.pow(10, -m[2].length);
      }
      x = { value: parseFloat(t), allow: allow };
    }
    if (percent) x = { value: x.value / 100, allow: x.allow / 100 };
    return x;
  }

  /* The numbers in a typed answer whose right answer has n of them (rules above), or null when some part
     of it is not a number or it holds none. The count may differ from n: the caller says so. */
  function readTyped(text, n, words) {
    var t = " " + String(text).replace(/[\u2212\u2012\u2013]/g, "-").replace(/[\u00a0\u202f\u2009]/g, " ") + " ";
    t = t.replace(/([^\s\u2248])\s*\u2248\s*[-+]?[\d.,]*\d/g, "$1").replace(/\u2248/g, " ");
    t = t.replace(/(\([^()=]*\)|[A-Za-z\u00c0-\u024f\u0370-\u03ff][^\s=,;]*)\s*=/g, " ").replace(/[=\u00b0]/g, " ");
    var known = {};
    for (var w = 0; w < (words || []).length; w++) known[words[w].toLowerCase()] = true;
    var tokens = t.split(/\s+/), kept = [];
    for (var k = 0; k < tokens.length; k++) {
      if (!Object.prototype.hasOwnProperty.call(known, tokens[k].replace(/:$/, "").toLowerCase())) kept.push(tokens[k]);
    }
    t = " " + kept.join(" ") + " ";
    t = t.replace(/[\[\](){}]/g, " ; ").replace(/\s*\/\s*/g, "/").replace(/([\s;,])([-+])\s+(?=[\d.])/g, "$1$2");
    t = t.replace(/(\D),/g, "$1;").replace(/,(?=\D)/g, ";");
    var chunks = t.split(/[\s;]+/), pieces = [], ambiguous = 0;
    for (var c = 0; c < chunks.length; c++) {
      if (!chunks[c]) continue;
      var commas = chunks[c].split(",").length - 1;
      if (commas === 1 && !/[.\/%e]/i.test(chunks[c])) { pieces.push({ text: chunks[c], ambiguous: true }); ambiguous++; }
      else {
        var parts = chunks[c].split(",");
        for (var q = 0; q < parts.length; q++) pieces.push({ text: parts[q], ambiguous: false });
      }
    }
    var asList = ambiguous > 0 && pieces.length !== n && pieces.length + ambiguous === n;
    var out = [];
    for (var i = 0; i < pieces.length; i++) {
      var words2 = !pieces[i].ambiguous ? [pieces[i].text] : asList ? pieces[i].text.split(",") : [pieces[i].text.replace(",", ".")];
      for (var j = 0; j < words2.length; j++) {
        var x = number(words2[j]);
        if (!x) return null;
        out.push(x);
      }
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

  /* How far a typed list is from values: its largest difference in any one number. */
  function distance(typed, values) {
    var d = 0;
    for (var i = 0; i < values.length; i++) d = Math.max(d, Math.abs(typed[i].value - values[i]));
    return d;
  }

  /* The mistakes a wrong answer is named after: the one the build offers (m.named) that is closer to the
     typed value than the answer and every other mistake, when the typed value is within its tolerance.
     Mistakes of the same value tie and are named together (within the widest of their tolerances); any
     other tie names none. */
  function namedMistakes(check, read) {
    var best = distance(read, check.values), closest = [], slack = 1e-9 * Math.max(1, best);
    for (var k = 0; k < check.mistakes.length; k++) {
      var m = check.mistakes[k], d = distance(read, m.values);
      if (d < best - slack) { best = d; slack = 1e-9 * Math.max(1, d); closest = [m]; }
      else if (d <= best + slack && closest.length) closest.push(m);
    }
    if (!closest.length || distance(read, check.values) <= best + slack) return [];
    var within = false;
    for (var c = 0; c < closest.length; c++) {
      if (closest[c].named === false) return [];
      within = within || near(read, closest[c].values, closest[c].tol);
      for (var i = 0; i < closest[0].values.length; i++) {
        if (Math.abs(closest[c].values[i] - closest[0].values[i]) > 1e-9 * Math.max(1, Math.abs(closest[0].values[i]))) return [];
      }
    }
    return within ? closest : [];
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
    var n = check.values.length, read = readTyped(typed, n, check.words);
    var wanted = n === 1 ? "a number" : "a list of " + n + " numbers";
    if (!read) {
      say(box, "qg-unread", "Could not read \u201c" + typed + "\u201d as " + wanted + ".", "Compare it with the answer below.");
      return;
    }
    if (read.length !== n) {
      say(box, "qg-unread", "Could not read \u201c" + typed + "\u201d as " + wanted + ".",
          "It has " + read.length + (read.length === 1 ? " number" : " numbers") + ". Compare it with the answer below.");
      return;
    }
    if (near(read, check.values, check.tol)) { say(box, "qg-right", "Right.", "You wrote " + typed + "."); return; }
    var named = namedMistakes(check, read);
    if (named.length) {
      say(box, "qg-wrong", "Not right.", "You wrote " + typed + ", which is what " +
          (named.length === 1 ? "this mistake gives:" : "these mistakes give:"));
      for (var k = 0; k < named.length; k++) reveal(block, named[k].why);
      return;
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
