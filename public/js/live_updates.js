/*
 * Live updates: follows the channels named by [data-live-channel] elements
 * over Server-Sent Events (the @adonisjs/transmit protocol: one EventSource
 * per page on /__transmit/events, then a POST to /__transmit/subscribe per
 * channel) and fires `live-changed` on those elements when a message
 * arrives. The elements refetch themselves with htmx (hx-trigger="live-changed").
 * Messages only say "changed": the data comes from the page's own route.
 * Served as a file, so the strict CSP needs no inline script.
 */
;(function () {
  'use strict'
  if (!window.EventSource || !window.fetch) return
  var elements = document.querySelectorAll('[data-live-channel]')
  if (!elements.length) return

  // A burst of messages (a bulk fulfilment) refetches once per window, always after the last one.
  var COALESCE_MS = 400

  function uuid() {
    var bytes = new Uint8Array(16)
    window.crypto.getRandomValues(bytes)
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1) }).join('')
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20)
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute('hx-headers') || '{}')['X-CSRF-TOKEN'] || ''
    } catch (error) {
      return ''
    }
  }

  var uid = uuid()
  var channels = []
  Array.prototype.forEach.call(elements, function (element) {
    var channel = element.getAttribute('data-live-channel')
    if (channels.indexOf(channel) === -1) channels.push(channel)
  })

  var pending = {}
  function changed(channel) {
    if (pending[channel]) return
    pending[channel] = setTimeout(function () {
      delete pending[channel]
      // looked up now: htmx may have replaced the elements since the page loaded
      var targets = document.querySelectorAll('[data-live-channel="' + channel + '"]')
      Array.prototype.forEach.call(targets, function (target) {
        target.dispatchEvent(new CustomEvent('live-changed', { detail: { channel: channel } }))
      })
    }, COALESCE_MS)
  }

  function subscribe(channel) {
    return fetch('/__transmit/subscribe', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': csrfToken() },
      body: JSON.stringify({ uid: uid, channel: channel }),
    }).then(function (response) {
      document.documentElement.setAttribute('data-live-' + channel.split('/')[0], response.ok ? 'subscribed' : 'refused')
    })
  }

  var opened = false
  var source = new EventSource('/__transmit/events?uid=' + encodeURIComponent(uid))
  // Every (re)connection is a new, empty stream on the server: subscribe again, and after a
  // reconnection refetch, since messages sent while disconnected are lost.
  source.addEventListener('open', function () {
    var reconnected = opened
    opened = true
    channels.forEach(function (channel) {
      subscribe(channel).then(function () {
        if (reconnected) changed(channel)
      })
    })
  })
  source.addEventListener('message', function (event) {
    var message
    try {
      message = JSON.parse(event.data)
    } catch (error) {
      return
    }
    if (message && channels.indexOf(message.channel) !== -1) changed(message.channel)
  })
  window.addEventListener('pagehide', function () {
    source.close()
  })
})()
