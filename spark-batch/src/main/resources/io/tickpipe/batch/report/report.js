/*
 * Draws the report's charts with ECharts from the JSON in #report-data (see HtmlReport and ReportJson).
 * Every chart is drawn once, one after the other, so the page stays responsive; charts far from the
 * screen are then released and drawn again when scrolled to, so many symbols do not hold many canvases.
 */
(function () {
  'use strict';
  var body = document.body;
  function fail(message) {
    if (!body.dataset.error) {
      body.dataset.error = String(message);
    }
  }
  window.addEventListener('error', function (e) { fail(e.message || e); });

  var data;
  try {
    data = JSON.parse(document.getElementById('report-data').textContent);
  } catch (e) {
    fail('report data: ' + e.message);
    return;
  }
  var run = data.run;
  var zone = run.session_zone;
  var style = getComputedStyle(document.documentElement);
  var UP = style.getPropertyValue('--up').trim();
  var DOWN = style.getPropertyValue('--down').trim();
  var INK = '#1c2330', MUTED = '#687385', RULE = '#e3e7ee';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var OVERLAY = {
    vwap: '#8e44ad', sma: '#f39c12', ema: '#2f5fd0', rsi: '#5c6bc0', bollinger: '#7b8794',
    macd: '#2f5fd0', signal: '#f39c12', atr: '#00897b'
  };
  var KIND_STYLE = {
    'return': { color: '#d81b60', symbol: 'diamond' },
    'volume': { color: '#ff8f00', symbol: 'triangle' }
  };
  var EXTRA_KIND_COLORS = ['#00897b', '#6d4c41', '#3949ab', '#7cb342'];

  // ---- formatting, as ReportFormat does it -------------------------------------------------------
  var NONE = '\u2014';
  function decimals(v, sig, minDecimals) {
    if (v === 0) { return minDecimals; }
    var rounded = Number(v.toPrecision(sig));
    var d = sig - 1 - Math.floor(Math.log10(Math.abs(rounded)));
    var text = rounded.toFixed(Math.max(0, Math.min(20, d)));
    var fraction = text.indexOf('.') < 0 ? '' : text.split('.')[1].replace(/0+$/, '');
    return Math.min(20, Math.max(minDecimals, fraction.length));
  }
  function number(v, sig, minDecimals) {
    if (v === null || v === undefined || v === '-' || !isFinite(v)) { return NONE; }
    var d = decimals(v, sig, minDecimals);
    return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  function price(v) { return number(v, 6, 2); }
  function quantity(v) { return number(v, 6, 0); }
  function compact(v) {
    var a = Math.abs(v);
    if (a >= 1e9) { return number(v / 1e9, 3, 0) + 'B'; }
    if (a >= 1e6) { return number(v / 1e6, 3, 0) + 'M'; }
    if (a >= 1e3) { return number(v / 1e3, 3, 0) + 'k'; }
    return number(v, 3, 0);
  }
  function dateTimeFormat(timeZone) {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short'
    });
  }
  var timeParts;
  try {
    timeParts = dateTimeFormat(zone);
  } catch (e) {
    // A zone this browser does not know: UTC, which the labels then name.
    timeParts = dateTimeFormat('UTC');
  }
  function parts(ms) {
    var p = {};
    timeParts.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
    return p;
  }
  function intraday(interval) { return /^\d+[smh]$/.test(interval); }
  function seconds(interval) { return /^\d+s$/.test(interval); }
  function timeLabel(ms, interval) {
    var p = parts(ms), date = p.year + '-' + p.month + '-' + p.day;
    if (!intraday(interval)) { return date; }
    return date + ' ' + p.hour + ':' + p.minute + (seconds(interval) ? ':' + p.second : '') + ' ' + p.timeZoneName;
  }
  function axisLabel(ms, interval) {
    var p = parts(ms);
    return intraday(interval) ? p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute : p.year + '-' + p.month + '-' + p.day;
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function gap(v) { return v === null ? '-' : v; }
  function kindStyle(kind, index) {
    return KIND_STYLE[kind] || { color: EXTRA_KIND_COLORS[index % EXTRA_KIND_COLORS.length], symbol: 'circle' };
  }

  // ---- one symbol's chart ------------------------------------------------------------------------
  /** The index of the candle holding time t: the last one starting at or before it. */
  function candleAt(times, t) {
    var lo = 0, hi = times.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (times[mid] <= t) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  function symbolOption(s) {
    var n = s.candles.length, interval = s.chart_interval;
    var times = new Array(n), ohlc = new Array(n), volume = new Array(n), up = new Array(n);
    for (var i = 0; i < n; i++) {
      var c = s.candles[i]; // [time, open, high, low, close, volume]
      times[i] = c[0];
      ohlc[i] = [c[1], c[4], c[3], c[2]]; // ECharts: open, close, low, high
      volume[i] = c[5];
      up[i] = c[4] >= c[1];
    }
    var kinds = [], byKind = {}, marksAt = {};
    s.anomalies.forEach(function (a) { // [time, kind, score, close]
      var at = candleAt(times, a[0]);
      if (!byKind[a[1]]) { byKind[a[1]] = []; kinds.push(a[1]); }
      byKind[a[1]].push([at, a[3], a[2], a[0]]);
      (marksAt[at] = marksAt[at] || []).push(a);
    });
    kinds.sort();
    var left = 24, right = 78;
    // Price with its overlays, volume, RSI, MACD with its histogram, ATR; time labels under the last.
    var grids = [
      { left: left, right: right, top: 40, height: 300 },
      { left: left, right: right, top: 356, height: 62 },
      { left: left, right: right, top: 434, height: 92 },
      { left: left, right: right, top: 542, height: 92 },
      { left: left, right: right, top: 650, height: 76 }
    ];
    var PANELS = [0, 1, 2, 3, 4];
    // The histogram as the job computes it, MACD minus signal, where both exist.
    var histogram = s.macd.map(function (m, i) {
      var sig = s.macd_signal[i];
      return m === null || sig === null ? null : m - sig;
    });
    function xAxis(index, labels) {
      return {
        type: 'category', gridIndex: index, data: times, boundaryGap: true,
        axisLine: { lineStyle: { color: RULE } }, axisTick: { show: false },
        axisLabel: {
          show: labels, color: MUTED, hideOverlap: true, showMinLabel: false,
          formatter: function (v) { return axisLabel(+v, interval); }
        },
        axisPointer: { label: { show: labels, formatter: function (p) { return timeLabel(+p.value, interval); } } },
        splitLine: { show: false }, min: 'dataMin', max: 'dataMax'
      };
    }
    function line(id, name, values, panel, color, dashed) {
      return {
        id: id, name: name, type: 'line', data: values.map(gap), xAxisIndex: panel, yAxisIndex: panel,
        showSymbol: false, symbol: 'none', connectNulls: false, smooth: false,
        lineStyle: { width: dashed ? 1 : 1.3, color: color, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color: color },
        emphasis: { disabled: true }
      };
    }
    function overlay(id, name, values) { return line(id, name, values, 0, OVERLAY[id], false); }
    var periods = run.periods;
    var smaName = 'SMA ' + periods.sma, emaName = 'EMA ' + periods.ema, rsiName = 'RSI ' + periods.rsi;
    var bbName = 'Bollinger ' + periods.bollinger + ', ' + periods.bollinger_width + '\u03c3';
    var macdName = 'MACD ' + periods.macd_fast + ', ' + periods.macd_slow, signalName = 'Signal ' + periods.macd_signal;
    var histogramName = 'Histogram', atrName = 'ATR ' + periods.atr;
    var series = [
      {
        id: 'candles', name: s.symbol, type: 'candlestick', data: ohlc, xAxisIndex: 0, yAxisIndex: 0,
        barMaxWidth: 14,
        itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN }
      },
      {
        id: 'volume', name: 'Volume', type: 'bar', data: volume, xAxisIndex: 1, yAxisIndex: 1, barMaxWidth: 14,
        itemStyle: { color: function (p) { return up[p.dataIndex] ? UP : DOWN; }, opacity: 0.45 },
        emphasis: { disabled: true }
      },
      overlay('vwap', 'Session VWAP', s.vwap),
      overlay('sma', smaName, s.sma),
      overlay('ema', emaName, s.ema),
      // Both bands under one legend entry, which shows and hides them together.
      line('bb-upper', bbName, s.bollinger_upper, 0, OVERLAY.bollinger, true),
      line('bb-lower', bbName, s.bollinger_lower, 0, OVERLAY.bollinger, true),
      {
        id: 'rsi', name: rsiName, type: 'line', data: s.rsi.map(gap), xAxisIndex: 2, yAxisIndex: 2,
        showSymbol: false, symbol: 'none', connectNulls: false,
        lineStyle: { width: 1.2, color: OVERLAY.rsi }, itemStyle: { color: OVERLAY.rsi },
        markLine: {
          silent: true, symbol: 'none',
          lineStyle: { color: '#9aa4b5', type: 'dashed', width: 1 },
          label: { position: 'end', color: MUTED, fontSize: 10 },
          data: [{ yAxis: 30 }, { yAxis: 70 }]
        },
        markArea: { silent: true, itemStyle: { color: 'rgba(92,107,192,0.06)' }, data: [[{ yAxis: 30 }, { yAxis: 70 }]] }
      },
      line('macd', macdName, s.macd, 3, OVERLAY.macd, false),
      line('macd-signal', signalName, s.macd_signal, 3, OVERLAY.signal, false),
      {
        id: 'macd-histogram', name: histogramName, type: 'bar', data: histogram.map(gap), xAxisIndex: 3, yAxisIndex: 3,
        barMaxWidth: 14,
        itemStyle: { color: function (q) { return histogram[q.dataIndex] >= 0 ? UP : DOWN; }, opacity: 0.55 },
        emphasis: { disabled: true }
      },
      line('atr', atrName, s.atr, 4, OVERLAY.atr, false)
    ];
    kinds.forEach(function (kind, k) {
      var st = kindStyle(kind, k);
      series.push({
        id: 'anomaly-' + kind, name: kind + ' anomaly', type: 'scatter', data: byKind[kind],
        xAxisIndex: 0, yAxisIndex: 0, symbol: st.symbol, symbolSize: 12, z: 5,
        itemStyle: { color: st.color, borderColor: '#ffffff', borderWidth: 1 },
        encode: { x: 0, y: 1 }
      });
    });
    var legend = ['Session VWAP', smaName, emaName, bbName, rsiName, macdName, signalName, histogramName, atrName]
      .concat(kinds.map(function (k) { return k + ' anomaly'; }));

    function tooltip(params) {
      if (!params.length) { return ''; }
      var i = params[0].dataIndex, c = s.candles[i];
      var change = c[4] - c[1];
      var rows = [
        ['Open', price(c[1])], ['High', price(c[2])], ['Low', price(c[3])],
        ['Close', '<span style="color:' + (change >= 0 ? UP : DOWN) + '">' + price(c[4]) + '</span>'],
        ['Volume', quantity(c[5])], ['Session VWAP', price(s.vwap[i])], [smaName, price(s.sma[i])],
        [emaName, price(s.ema[i])], ['Bollinger upper', price(s.bollinger_upper[i])],
        ['Bollinger lower', price(s.bollinger_lower[i])], [rsiName, number(s.rsi[i], 3, 1)],
        [macdName, number(s.macd[i], 4, 2)], [signalName, number(s.macd_signal[i], 4, 2)],
        [histogramName, number(histogram[i], 4, 2)], [atrName, price(s.atr[i])]
      ];
      var html = '<div style="font-weight:600;margin-bottom:4px">' + escapeHtml(s.symbol) + ' \u00b7 '
        + escapeHtml(timeLabel(c[0], interval)) + '</div><table style="border-collapse:collapse">';
      rows.forEach(function (r) {
        html += '<tr><td style="color:' + MUTED + ';padding-right:14px">' + escapeHtml(r[0]) + '</td><td style="text-align:right">' + r[1] + '</td></tr>';
      });
      html += '</table>';
      (marksAt[i] || []).forEach(function (a) {
        html += '<div style="margin-top:4px;color:' + kindStyle(a[1], kinds.indexOf(a[1])).color + '">\u25c6 ' + escapeHtml(a[1])
          + ' anomaly, score ' + number(a[2], 3, 1) + (a[0] !== c[0] ? ' at ' + escapeHtml(timeLabel(a[0], s.bar_interval)) : '') + '</div>';
      });
      return html;
    }

    return {
      animation: false,
      textStyle: { fontFamily: FONT, color: INK },
      legend: { data: legend, top: 6, left: left, itemWidth: 16, itemHeight: 8, textStyle: { color: MUTED, fontSize: 12 } },
      axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: '#3b4556' } },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'cross', crossStyle: { color: '#9aa4b5' } },
        backgroundColor: 'rgba(255,255,255,0.97)', borderColor: RULE, textStyle: { color: INK, fontSize: 12 },
        formatter: tooltip, confine: true
      },
      grid: grids,
      xAxis: [xAxis(0, false), xAxis(1, false), xAxis(2, false), xAxis(3, false), xAxis(4, true)],
      yAxis: [
        {
          gridIndex: 0, scale: true, position: 'right', splitNumber: 6,
          axisLabel: { color: MUTED, formatter: function (v) { return price(v); } },
          splitLine: { lineStyle: { color: '#eef1f5' } },
          axisPointer: { label: { formatter: function (p) { return price(p.value); } } }
        },
        {
          gridIndex: 1, position: 'right', splitNumber: 2, min: 0,
          axisLabel: { color: MUTED, showMaxLabel: false, formatter: function (v) { return compact(v); } },
          splitLine: { show: false },
          axisPointer: { label: { formatter: function (p) { return compact(p.value); } } }
        },
        {
          gridIndex: 2, position: 'right', min: 0, max: 100, interval: 50,
          axisLabel: { color: MUTED, showMinLabel: false, showMaxLabel: false },
          splitLine: { lineStyle: { color: '#eef1f5' } },
          axisPointer: { label: { formatter: function (p) { return number(p.value, 3, 1); } } }
        },
        {
          gridIndex: 3, position: 'right', scale: true, splitNumber: 2,
          axisLabel: { color: MUTED, showMinLabel: false, showMaxLabel: false, formatter: function (v) { return number(v, 3, 2); } },
          splitLine: { lineStyle: { color: '#eef1f5' } },
          axisPointer: { label: { formatter: function (p) { return number(p.value, 4, 2); } } }
        },
        {
          gridIndex: 4, position: 'right', scale: true, splitNumber: 2,
          axisLabel: { color: MUTED, showMinLabel: false, showMaxLabel: false, formatter: function (v) { return price(v); } },
          splitLine: { lineStyle: { color: '#eef1f5' } },
          axisPointer: { label: { formatter: function (p) { return price(p.value); } } }
        }
      ],
      dataZoom: [
        { type: 'inside', xAxisIndex: PANELS, start: 0, end: 100 },
        {
          type: 'slider', xAxisIndex: PANELS, start: 0, end: 100, bottom: 12, height: 26,
          left: left + 40, right: right + 40, borderColor: RULE,
          fillerColor: 'rgba(47,95,208,0.08)', handleStyle: { color: '#ffffff', borderColor: '#9aa4b5' },
          dataBackground: { lineStyle: { color: '#9aa4b5' }, areaStyle: { color: '#e8ecf3' } },
          textStyle: { color: MUTED }, labelFormatter: function (index) { return axisLabel(times[index], interval); }
        }
      ],
      series: series
    };
  }

  // ---- the correlation heat map ------------------------------------------------------------------
  function correlationOption(m, el) {
    var symbols = m.symbols, n = symbols.length, cells = [], undefinedCells = [];
    m.cells.forEach(function (c, i) { // [symbol_a, symbol_b, correlation, observations]
      var x = i % n, y = Math.floor(i / n);
      if (c[2] === null) {
        undefinedCells.push([x, y, c[3]]);
      } else {
        cells.push({ value: [x, y, c[2], c[3]], label: { color: Math.abs(c[2]) > 0.55 ? '#ffffff' : INK } });
      }
    });
    // Square cells, as large as fit beside the labels and the scale, but no larger than reads well.
    var labels = 110, scale = 110, top = n > 8 ? 80 : 36;
    var cell = Math.max(8, Math.min(64, Math.floor((el.clientWidth - labels - scale) / n)));
    el.style.height = (top + cell * n + 24) + 'px';
    var fontSize = cell >= 28 ? 12 : cell >= 14 ? 10 : 8;
    return {
      animation: false,
      textStyle: { fontFamily: FONT, color: INK },
      tooltip: {
        backgroundColor: 'rgba(255,255,255,0.97)', borderColor: RULE, textStyle: { color: INK, fontSize: 12 },
        formatter: function (p) {
          var v = p.value, pair = escapeHtml(symbols[v[1]]) + ' \u00d7 ' + escapeHtml(symbols[v[0]]) + ': ';
          return p.seriesId === 'correlation'
            ? pair + '<b>' + v[2].toFixed(3) + '</b><br><span style="color:' + MUTED + '">' + quantity(v[3]) + ' common returns</span>'
            : pair + '<b>undefined</b><br><span style="color:' + MUTED + '">' + quantity(v[2]) + ' common returns</span>';
        }
      },
      grid: { left: labels, top: top, width: cell * n, height: cell * n },
      xAxis: {
        type: 'category', data: symbols, position: 'top', splitArea: { show: false },
        axisLabel: { color: INK, rotate: n > 8 ? 45 : 0, interval: 0, fontSize: fontSize },
        axisLine: { show: false }, axisTick: { show: false }
      },
      yAxis: {
        type: 'category', data: symbols, inverse: true,
        axisLabel: { color: INK, interval: 0, fontSize: fontSize },
        axisLine: { show: false }, axisTick: { show: false }
      },
      visualMap: {
        seriesIndex: 0, dimension: 2, min: -1, max: 1, calculable: true, orient: 'vertical', precision: 2,
        left: labels + cell * n + 28, top: top, itemHeight: Math.max(120, Math.min(240, cell * n - 40)),
        textStyle: { color: MUTED },
        inRange: { color: ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b'] }
      },
      series: [{
        id: 'correlation', name: 'Correlation', type: 'heatmap', data: cells,
        label: { show: cell >= 28, fontSize: 11, formatter: function (p) { return p.value[2].toFixed(2); } },
        itemStyle: { borderColor: '#ffffff', borderWidth: cell >= 14 ? 1 : 0 },
        emphasis: { itemStyle: { borderColor: INK, borderWidth: 1 } }
      }, {
        // Undefined cells: drawn empty, so they read as "no value" rather than as a gap in the matrix.
        id: 'correlation-undefined', name: 'Undefined', type: 'heatmap', data: undefinedCells,
        label: { show: cell >= 28, fontSize: 11, color: MUTED, formatter: function () { return '\u2014'; } },
        itemStyle: { color: '#f4f6f9', borderColor: '#ffffff', borderWidth: cell >= 14 ? 1 : 0 },
        emphasis: { itemStyle: { borderColor: INK, borderWidth: 1 } }
      }]
    };
  }

  // ---- drawing, releasing, and what tests read -----------------------------------------------------
  function defined(point) {
    var v = point !== null && typeof point === 'object' && !Array.isArray(point) ? point.value : point;
    if (Array.isArray(v)) { return v.every(defined); }
    return v !== '-' && v !== null && v !== undefined && !(typeof v === 'number' && isNaN(v));
  }
  function record(el, chart) {
    var series = chart.getOption().series;
    el.dataset.seriesPoints = series.map(function (s) { return s.id + ':' + s.data.length; }).join(',');
    el.dataset.seriesDefined = series.map(function (s) { return s.id + ':' + s.data.filter(defined).length; }).join(',');
  }
  function option(el) {
    return el.dataset.chart === 'correlation' ? correlationOption(data.correlation, el)
      : symbolOption(data.symbols[+el.dataset.index]);
  }
  function mount(el) {
    if (el._chart) { return; }
    try {
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(option(el));
      el._chart = chart;
      if (!el.dataset.seriesPoints) { record(el, chart); }
    } catch (e) {
      fail((el.dataset.symbol || el.dataset.chart) + ': ' + e.message);
    }
  }
  function unmount(el) {
    if (el._chart) { el._chart.dispose(); el._chart = null; }
  }

  var elements = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var near = new Set();
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { near.add(e.target); mount(e.target); } else { near.delete(e.target); unmount(e.target); }
    });
  }, { rootMargin: '1200px 0px' });
  elements.forEach(function (el) { observer.observe(el); });
  window.addEventListener('resize', function () {
    elements.forEach(function (el) { if (el._chart) { el._chart.resize(); } });
  });

  var next = 0;
  function drawNext() {
    if (next >= elements.length) {
      body.dataset.resources = String(performance.getEntriesByType('resource').length);
      body.dataset.rendered = 'true';
      return;
    }
    var el = elements[next++];
    if (!el.dataset.seriesPoints) {
      mount(el);
      if (!near.has(el)) { unmount(el); }
    }
    setTimeout(drawNext, 0);
  }
  setTimeout(drawNext, 0);
})();
