import edge from 'edge.js'
import { storeUrl } from '#services/store_url'

/**
 * Renders an email's two parts from `notifications::emails/<template>.edge`
 * (HTML) and `<template>_text.edge` (plain text), with the same data.
 */
export async function renderEmail(template: string, data: Record<string, unknown>) {
  const [html, text] = await Promise.all([
    edge.render(`notifications::emails/${template}`, data),
    edge.render(`notifications::emails/${template}_text`, data),
  ])
  return { html, text: tidyText(text) }
}

/** Edge leaves the blank lines of its tags behind: keep at most one empty line in a row. */
function tidyText(text: string) {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n'
}

/**
 * An absolute link for an email. Emails are rendered by jobs, with no
 * request to take a host from, so the shop's address comes from APP_URL;
 * without it (development) the local server's address is used.
 */
export function emailUrl(path: string): string {
  return storeUrl(path)
}
