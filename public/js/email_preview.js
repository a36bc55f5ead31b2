/*
  Admin › Emails › one email: the sandboxed frame (iframe.email-preview) takes the height of the
  email it shows, so the page scrolls rather than a small box inside it. The frame runs no script
  (its sandbox grants only same-origin, so this page may read its height); this page measures it
  when it loads and when the width changes. Without this script the frame keeps the CSS height
  and scrolls inside.
*/
function fitFrame(frame) {
  const root = frame.contentDocument?.documentElement
  if (!root) return
  // measured at no height, the document reports its own height rather than the frame's
  frame.style.height = '0px'
  frame.style.height = `${Math.ceil(root.scrollHeight) + 2}px`
}

for (const frame of document.querySelectorAll('iframe.email-preview')) {
  frame.addEventListener('load', () => fitFrame(frame))
  if (frame.contentDocument?.readyState === 'complete') fitFrame(frame)
  let lastWidth = frame.clientWidth
  new ResizeObserver(() => {
    if (frame.clientWidth === lastWidth) return
    lastWidth = frame.clientWidth
    fitFrame(frame)
  }).observe(frame)
}
