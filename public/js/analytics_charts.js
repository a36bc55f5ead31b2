/*
 * Admin › Analytics: draws the charts from the page's JSON block
 * (#analytics-chart-data) with Chart.js, served from /vendor. No inline
 * script (CSP); without JavaScript the tables under each chart hold the
 * same figures.
 */
;(function () {
  function draw() {
    var source = document.getElementById('analytics-chart-data')
    if (!source || typeof window.Chart === 'undefined') return
    var data = JSON.parse(source.textContent || '{}')
    // each chart fills its .analytics-chart-box (a fixed height in admin.css), not an aspect ratio of the page width
    window.Chart.defaults.maintainAspectRatio = false
    var money = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency: data.currency })

    var sales = document.getElementById('analytics-sales-chart')
    if (sales && data.sales) {
      new window.Chart(sales, {
        type: 'line',
        data: {
          labels: data.sales.labels,
          datasets: [
            { label: 'Net sales', data: data.sales.netSales, yAxisID: 'money', borderColor: '#2563eb', backgroundColor: '#2563eb', tension: 0.2 },
            { label: 'Orders', data: data.sales.orders, yAxisID: 'count', borderColor: '#16a34a', backgroundColor: '#16a34a', tension: 0.2 },
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

    var products = document.getElementById('analytics-products-chart')
    if (products && data.products && data.products.labels.length) {
      new window.Chart(products, {
        type: 'bar',
        data: { labels: data.products.labels, datasets: [{ label: 'Revenue', data: data.products.revenue, backgroundColor: '#2563eb' }] },
        options: {
          animation: false,
          indexAxis: 'y',
          plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true, ticks: { callback: function (value) { return money.format(value) } } } },
        },
      })
    }
    var count = { beginAtZero: true, ticks: { precision: 0 } }
    var moneyAxis = { beginAtZero: true, ticks: { callback: function (value) { return money.format(value) } } }
    function bars(id, labels, datasets, options) {
      var canvas = document.getElementById(id)
      if (!canvas || !labels || !labels.length) return
      new window.Chart(canvas, { type: 'bar', data: { labels: labels, datasets: datasets }, options: Object.assign({ animation: false }, options) })
    }
    var horizontal = { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: moneyAxis } }
    if (data.variants) bars('analytics-variants-chart', data.variants.labels, [{ label: 'Revenue', data: data.variants.revenue, backgroundColor: '#7c3aed' }], horizontal)
    if (data.collections) bars('analytics-collections-chart', data.collections.labels, [{ label: 'Revenue', data: data.collections.revenue, backgroundColor: '#0d9488' }], horizontal)
    if (data.refunds) bars('analytics-refunds-chart', data.refunds.labels, [{ label: 'Refunds', data: data.refunds.refunds, backgroundColor: '#dc2626' }], { plugins: { legend: { display: false } }, scales: { y: moneyAxis } })
    if (data.countries) bars('analytics-countries-chart', data.countries.labels, [{ label: 'Net sales', data: data.countries.netSales, backgroundColor: '#0891b2' }], horizontal)
    if (data.customers) {
      bars('analytics-customers-chart', data.customers.labels, [
        { label: 'New', data: data.customers.newCustomers, backgroundColor: '#16a34a' },
        { label: 'Returning', data: data.customers.returningCustomers, backgroundColor: '#2563eb' },
      ], { scales: { x: { stacked: true }, y: Object.assign({ stacked: true }, count) } })
    }
    if (data.values) bars('analytics-values-chart', data.values.labels, [{ label: 'Customers', data: data.values.customers, backgroundColor: '#ca8a04' }], { plugins: { legend: { display: false } }, scales: { y: count } })
    if (data.funnel) bars('analytics-funnel-chart', data.funnel.labels, [{ label: 'Count', data: data.funnel.counts, backgroundColor: '#2563eb' }], { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: count } })
    document.documentElement.dataset.analyticsCharts = 'drawn'
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw)
  else draw()
})()
