/**
 * The cards of Admin › Settings, one per settings page. A settings page
 * added later (store details, checkout, notifications, plugins…) adds its
 * card here; paths, not route names, so a card can name a page another
 * change is still building.
 */
export interface SettingsPage {
  title: string
  description: string
  href: string
}

export const SETTINGS_PAGES: SettingsPage[] = [
  {
    title: 'Home page',
    description: 'The banner shoppers see first: heading, text, button and picture, and the collections featured below it.',
    href: '/admin/settings/home',
  },
  {
    title: 'Policies',
    description: 'Refunds, shipping, privacy, terms and contact details, linked from the footer and checkout.',
    href: '/admin/settings/policies',
  },
]
