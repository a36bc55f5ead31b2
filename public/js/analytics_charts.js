/*
 * Admin › Analytics: draws the charts from the page's JSON block
 * (#analytics-chart-data) with Chart.js, served from /vendor. No inline
 * script (CSP); without JavaScript the tables under each chart hold the
 * same figures. A chart with nothing to show has no canvas: the page shows
 * an empty state instead.
 *
 * Colours come from the design tokens (--color-chart-1 … 6, text, muted,
 * border), read when the charts are drawn, so they follow the light or dark
 * scheme; when the scheme changes (the device's setting, or dark.css's media
 * switched) the charts are drawn again.
 */
;(function () {
  var charts = []

  function token(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
    return value || fallback
  }

  function palette() {
    return {
      text: token('--color-text', '#1c1f23'),
      muted: token('--color-muted', '#525a64'),
      border: token('--color-border', '#d6d9de'),
      surface: token('--color-surface-raised', '#ffffff'),
      series: [1, 2, 3, 4, 5, 6].map(function (n) { return token('--color-chart-' + n, '#1a56b0') }),
    }
  }

  function draw() {
    var source = document.getElementById('analytics-chart-data')
    if (!source || typeof window.Chart === 'undefined') return
    charts.forEach(function (chart) { chart.destroy() })
    charts = []
    var data = JSON.parse(source.textContent || '{}')
    var colours = palette()
    var Chart = window.Chart
    // each chart fills its .analytics-chart-box (a fixed height in admin.css), not an aspect ratio of the page width
    Chart.defaults.maintainAspectRatio = false
    Chart.defaults.color = colours.muted
    Chart.defaults.borderColor = colours.border
    Chart.defaults.plugins.tooltip.backgroundColor = colours.text
    Chart.defaults.plugins.tooltip.titleColor = colours.surface
    Chart.defaults.plugins.tooltip.bodyColor = colours.surface
    var c = colours.series
    var money = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency: data.currency })

    function add(canvas, config) {
      charts.push(new Chart(canvas, config))
    }

    var sales = document.getElementById('analytics-sales-chart')
    if (sales && data.sales) {
      add(sales, {
        type: 'line',
        data: {
          labels: data.sales.labels,
          datasets: [
            { label: 'Net sales', data: data.sales.netSales, yAxisID: 'money', borderColor: c[0], backgroundColor: c[0], tension: 0.2 },
            { label: 'Orders', data: data.sales.orders, yAxisID: 'count', borderColor: c[1], backgroundColor: c[1], tension: 0.2 },
          ],
        },
        options: {
          animation: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            money: { position: 'left', beginAtZero: true, ticks: { callback: function (value) { return money.format(value) } } },
            count: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } },
          },
        },
      })
    }

    var count = { beginAtZero: true, ticks: { precision: 0 } }
    var moneyAxis = { beginAtZero: true, ticks: { callback: function (value) { return money.format(value) } } }
    function bars(id, labels, datasets, options) {
      var canvas = document.getElementById(id)
      if (!canvas || !labels || !labels.length) return
      add(canvas, { type: 'bar', data: { labels: labels, datasets: datasets }, options: Object.assign({ animation: false }, options) })
    }
    var horizontal = { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: moneyAxis } }
    if (data.products) bars('analytics-products-chart', data.products.labels, [{ label: 'Net sales', data: data.products.revenue, backgroundColor: c[0] }], horizontal)
    if (data.variants) bars('analytics-variants-chart', data.variants.labels, [{ label: 'Net sales', data: data.variants.revenue, backgroundColor: c[2] }], horizontal)
    if (data.collections) bars('analytics-collections-chart', data.collections.labels, [{ label: 'Net sales', data: data.collections.revenue, backgroundColor: c[3] }], horizontal)
    if (data.refunds) bars('analytics-refunds-chart', data.refunds.labels, [{ label: 'Refunds', data: data.refunds.refunds, backgroundColor: c[4] }], { plugins: { legend: { display: false } }, scales: { y: moneyAxis } })
    if (data.countries) bars('analytics-countries-chart', data.countries.labels, [{ label: 'Net sales', data: data.countries.netSales, backgroundColor: c[3] }], horizontal)
    if (data.customers) {
      bars('analytics-customers-chart', data.customers.labels, [
        { label: 'New', data: data.customers.newCustomers, backgroundColor: c[1] },
        { label: 'Returning', data: data.customers.returningCustomers, backgroundColor: c[0] },
      ], { scales: { x: { stacked: true }, y: Object.assign({ stacked: true }, count) } })
    }
    if (data.values) bars('analytics-values-chart', data.values.labels, [{ label: 'Customers', data: data.values.customers, backgroundColor: c[5] }], { plugins: { legend: { display: false } }, scales: { y: count } })
    if (data.funnel) bars('analytics-funnel-chart', data.funnel.labels, [{ label: 'Count', data: data.funnel.counts, backgroundColor: c[0] }], { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: count } })
    document.documentElement.dataset.analyticsCharts = 'drawn'
    document.documentElement.dataset.analyticsChartText = colours.muted
  }

  function start() {
    draw()
    // the device's scheme (dark.css linked for prefers-color-scheme) …
    if (window.matchMedia) {
      var dark = window.matchMedia('(prefers-color-scheme: dark)')
      if (dark.addEventListener) dark.addEventListener('change', draw)
    }
    // … or dark.css's media switched on this page
    var sheet = document.querySelector('link[href*="dark.css"]')
    if (sheet && window.MutationObserver) new MutationObserver(draw).observe(sheet, { attributes: true, attributeFilter: ['media'] })
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
