/*
 * Stripe payment step (plugins/payments/views/drivers/stripe.edge): mounts
 * the Express Checkout Element (Apple Pay, Google Pay, Link) and the Payment
 * Element with the PaymentIntent's client secret, then confirms with a
 * return URL to the order's status page. The order is marked paid by the
 * signed webhook, not by this script. No inline script: CSP allows files only.
 */
;(function () {
  var root = document.getElementById('stripe-payment')
  if (!root || typeof window.Stripe !== 'function') return

  var stripe = window.Stripe(root.dataset.publishableKey)
  var elements = stripe.elements({ clientSecret: root.dataset.clientSecret })
  var returnUrl = root.dataset.returnUrl
  var form = document.getElementById('stripe-payment-form')
  var button = document.getElementById('stripe-pay-button')
  var errorBox = document.getElementById('stripe-payment-error')

  function showError(message) {
    errorBox.textContent = message || 'The payment did not go through. Please try again.'
    button.disabled = false
  }

  function confirm() {
    errorBox.textContent = ''
    button.disabled = true
    // Only reached when the payment failed before redirecting (e.g. a card decline).
    return stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: returnUrl } })
      .then(function (result) {
        if (result.error) showError(result.error.message)
      })
  }

  var paymentElement = elements.create('payment', { layout: 'tabs' })
  paymentElement.mount('#stripe-payment-element')
  paymentElement.on('ready', function () {
    button.disabled = false
  })

  var express = elements.create('expressCheckout')
  express.mount('#stripe-express-checkout')
  express.on('confirm', confirm)

  form.addEventListener('submit', function (event) {
    event.preventDefault()
    confirm()
  })
})()
