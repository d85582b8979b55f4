/* quizgen live problem card: shows one variant per review and grades the typed answer.
   Inlined into the front template (no network, no media file). Plain ES5 for old phone WebViews.
   The front picks a variant and remembers it in sessionStorage under the note's identity; the back
   (desktop Anki re-runs this script in the same page, AnkiDroid loads a fresh page) reads it back.
   Without storage both sides derive the variant from the identity and the day. No script: variant 1. */
(function () {
  "use strict";
  var PREFIX = "quizgen-live:";
  var memory = window.__quizgenLive || (window.__quizgenLive = {});

  function storage() {
    try {
      var s = window.sessionStorage, probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function get(s, key) {
    if (s) { try { var x = s.getItem(key); if (x !== null) return x; } catch (e) { /* fall through */ } }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }

  function put(s, key, value) {
    memory[key] = value;
    if (s) { try { s.setItem(key, value); } catch (e) { /* memory only */ } }
  }

  function drop(s, key) {
    delete memory[key];
    if (s) { try { s.removeItem(key); } catch (e) { /* nothing stored */ } }
  }

  function hash(text) {
    var h = 7;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 2147483647;
    return h;
  }

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
    var s = storage();
    var v;
    if (!back) {
      v = s ? Math.floor(Math.random() * n) : hash(id + "|" + today()) % n;
      put(s, id, String(v));
      drop(s, id + ":typed");
      drop(s, id + ":chosen");
    } else {
      var kept = get(s, id);
      v = kept === null || kept === "" ? NaN : Number(kept);
      if (!(v >= 0 && v < n && v === Math.floor(v))) v = hash(id + "|" + today()) % n;
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
          if ((e.key === "Enter" || e.keyCode === 13) && typeof window.pycmd === "function") window.pycmd("ans");
        });
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
    if (check && box) grade(check, get(s, id + ":typed"), get(s, id + ":chosen"), box, solution, shown);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
