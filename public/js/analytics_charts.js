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
    document.documentElement.dataset.analyticsCharts = 'drawn'
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw)
  else draw()
})()
