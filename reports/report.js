/* reports/report.js: the script of the HTML report (reports/report_grid.c embeds it, and the
 * page's Content-Security-Policy allows only this script, by its sha256). It filters the
 * scenario x target grid and the scenario details by status, target, family, area,
 * requirement, partner target and text; the filter lives in the address (#f:status=fail&
 * target=anvil), so a filtered view can be linked to, and every cell of the matrices, the
 * heatmap and the tables links to one. A link to a result (#r-N) or scenario (#s-ID) opens
 * the folded details around it. It reads the page, never the network, and writes text only
 * with textContent. */
'use strict';
(function () {
  var KEYS = ['status', 'target', 'family', 'area', 'req', 'with', 'q'];
  var grid = document.getElementById('grid');
  if (!grid) return;
  var rows = Array.prototype.slice.call(grid.querySelectorAll('tbody tr'));
  var empty = document.getElementById('f-empty');
  var count = document.getElementById('f-count');
  function control(k) { return document.getElementById('f-' + k); }
  function words(s) { return (s || '').split(' ').filter(function (w) { return w; }); }
  function current() {
    var f = {};
    KEYS.forEach(function (k) { var c = control(k); if (c && c.value) f[k] = c.value; });
    if (empty && empty.checked) f.empty = '1';
    return f;
  }
  function cellMatches(td, f) {
    var vs = words(td.dataset.v), partners = words(td.dataset.with);
    if (f.status && vs.indexOf(f.status) < 0) return false;
    if (f['with'] && partners.indexOf(f['with']) < 0) return false;
    return vs.length > 0;
  }
  function rowMatches(tr, f) {
    if (!f.empty && tr.dataset.empty === '1') return false;
    if (f.family && tr.dataset.family !== f.family) return false;
    if (f.area && words(tr.dataset.areas).indexOf(f.area) < 0) return false;
    if (f.req && words(tr.dataset.reqs).indexOf(f.req) < 0) return false;
    if (f.q && tr.dataset.text.toLowerCase().indexOf(f.q.toLowerCase()) < 0) return false;
    if (f.status || f.target || f['with']) {
      var cells = Array.prototype.slice.call(tr.querySelectorAll('td[data-target]'));
      if (f.target) cells = cells.filter(function (td) { return td.dataset.target === f.target; });
      if (!cells.some(function (td) { return cellMatches(td, f); })) return false;
    }
    return true;
  }
  function apply(f) {
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = rowMatches(tr, f);
      tr.hidden = !ok;
      if (ok) shown++;
      var d = document.getElementById('s-' + tr.dataset.id);
      if (d) d.hidden = !ok;
    });
    Array.prototype.forEach.call(grid.querySelectorAll('th[data-target], td[data-target]'), function (c) {
      c.classList.toggle('dim', !!f.target && c.dataset.target !== f.target);
    });
    if (count) count.textContent = shown + ' of ' + rows.length + ' scenarios shown';
    grid.dataset.shown = String(shown);
  }
  function toHash(f) {
    var parts = Object.keys(f).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(f[k]);
    });
    return parts.length ? '#f:' + parts.join('&') : '#grid';
  }
  function fromHash(h) {
    var f = {};
    h.slice(3).split('&').forEach(function (p) {
      var i = p.indexOf('=');
      if (i > 0) f[decodeURIComponent(p.slice(0, i))] = decodeURIComponent(p.slice(i + 1));
    });
    return f;
  }
  function setControls(f) {
    KEYS.forEach(function (k) {
      var c = control(k);
      if (!c) return;
      if (c.tagName === 'SELECT' && f[k] && !Array.prototype.some.call(c.options, function (o) { return o.value === f[k]; })) {
        var o = document.createElement('option');
        o.value = f[k];
        o.textContent = f[k];
        c.append(o);
      }
      c.value = f[k] || '';
    });
    if (empty) empty.checked = f.empty === '1';
  }
  function openAround(el) {
    for (var e = el; e; e = e.parentElement) {
      if (e.tagName === 'DETAILS') e.open = true;
      if (e.hidden) e.hidden = false;
    }
  }
  function route() {
    var h = location.hash;
    if (h.indexOf('#f:') === 0) {
      var f = fromHash(h);
      setControls(f);
      apply(f);
      grid.scrollIntoView();
      return;
    }
    if (h.length > 1) {
      var el = document.getElementById(decodeURIComponent(h.slice(1)));
      if (el) { openAround(el); el.scrollIntoView(); }
    }
  }
  KEYS.concat(['empty']).forEach(function (k) {
    var c = control(k);
    if (!c) return;
    c.addEventListener(c.type === 'search' ? 'input' : 'change', function () {
      var f = current();
      history.replaceState(null, '', toHash(f));
      apply(f);
    });
  });
  window.addEventListener('hashchange', route);
  apply(current());
  route();
  document.body.dataset.ready = 'yes';
})();
