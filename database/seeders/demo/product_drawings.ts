/**
 * Product pictures for the demo catalog, drawn as SVG: a silhouette per
 * product type (tee, mug, notebook, candle, poster, socks, tote bag; a
 * pattern for any other type) on a soft backdrop, in the product's own
 * colours. Everything comes from the product's hue and title, so a seed
 * draws the same pictures every time, with no network and no fonts (no
 * text is drawn). sharp renders them to raster at seed time.
 */

/** The drawings' coordinate space; they are rendered at RENDER_SIZE. */
export const DRAWING_SIZE = 1024

/**
 * Pixels rendered: 800 covers a product page's main picture (about 600 CSS
 * px wide) on most phones, and costs 60 % of a 1024 px render at seed time.
 */
export const RENDER_SIZE = 800

export interface DrawingRequest {
  /** the product type ("T-Shirts"); unknown types get a pattern */
  type: string | null
  title: string
  /** 0-359, the product's colour */
  hue: number
}

/** Comma syntax: the SVG renderer (librsvg) reads it, not CSS 4's space-separated form. */
const hsl = (hue: number, saturation: number, lightness: number) =>
  `hsl(${Math.round(((hue % 360) + 360) % 360)}, ${Math.max(0, Math.min(100, saturation))}%, ${Math.max(0, Math.min(100, lightness))}%)`

/** A small stable number from the title (FNV-1a), for choices beyond the hue. */
function variantOf(title: string) {
  let hash = 0x811c9dc5
  for (let index = 0; index < title.length; index++) {
    hash ^= title.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

interface Palette {
  /** the product's colour, its shade and highlight */
  main: string
  shade: string
  light: string
  /** a second colour for details */
  accent: string
  /** backdrop, top and bottom */
  backTop: string
  backBottom: string
}

function paletteOf(hue: number, variant: number): Palette {
  const saturation = 38 + (variant % 4) * 7
  const lightness = 40 + ((variant >>> 2) % 4) * 6
  // the backdrop sits a third of the way round the colour wheel, pale, so the product stands out
  const backHue = hue + [150, 180, 210, 40][(variant >>> 4) % 4]
  return {
    main: hsl(hue, saturation, lightness),
    shade: hsl(hue, saturation + 5, lightness - 14),
    light: hsl(hue, saturation - 8, Math.min(lightness + 22, 88)),
    accent: hsl(hue + [35, 180, -40, 0][(variant >>> 6) % 4], 30, (variant >>> 8) % 2 ? 92 : 22),
    backTop: hsl(backHue, 28, 95),
    backBottom: hsl(backHue, 24, 86),
  }
}

/** The backdrop and the soft shadow the object stands on. */
function scene(palette: Palette, body: string, shadow = { cx: 512, cy: 850, rx: 250, ry: 34 }) {
  const size = DRAWING_SIZE
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${RENDER_SIZE}" height="${RENDER_SIZE}" viewBox="0 0 ${size} ${size}">` +
    '<defs>' +
    `<linearGradient id="back" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.backTop}"/><stop offset="1" stop-color="${palette.backBottom}"/></linearGradient>` +
    '<radialGradient id="floor"><stop offset="0" stop-color="#000" stop-opacity="0.22"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>' +
    `<linearGradient id="volume" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity="0.18"/><stop offset="0.45" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.16"/></linearGradient>` +
    '</defs>' +
    `<rect width="${size}" height="${size}" fill="url(#back)"/>` +
    `<ellipse cx="${shadow.cx}" cy="${shadow.cy}" rx="${shadow.rx}" ry="${shadow.ry}" fill="url(#floor)"/>` +
    body +
    '</svg>'
  )
}

function tee(palette: Palette, variant: number, title: string) {
  const outline =
    'M352 270 L250 316 L160 430 L250 512 L318 462 L318 808 Q512 834 706 808 L706 462 L774 512 L864 430 L774 316 L672 270 Q512 356 352 270 Z'
  const stripes =
    variant % 3 === 0
      ? `<g clip-path="url(#tee)">${[520, 600, 680].map((y) => `<rect x="150" y="${y}" width="724" height="30" fill="${palette.accent}" opacity="0.85"/>`).join('')}</g>`
      : ''
  const pocket = /pocket/i.test(title) || variant % 3 === 1
    ? `<path d="M560 430 h92 v86 q-46 22 -92 0 Z" fill="${palette.shade}" opacity="0.55"/>`
    : ''
  return scene(
    palette,
    `<defs><clipPath id="tee"><path d="${outline}"/></clipPath></defs>` +
      `<path d="${outline}" fill="${palette.main}"/>` +
      stripes +
      pocket +
      `<path d="${outline}" fill="url(#volume)"/>` +
      `<path d="M418 296 Q512 372 606 296" fill="none" stroke="${palette.shade}" stroke-width="22" stroke-linecap="round"/>` +
      `<path d="M318 462 L318 520 M706 462 L706 520" stroke="${palette.shade}" stroke-width="6" opacity="0.5"/>`,
    { cx: 512, cy: 860, rx: 300, ry: 30 }
  )
}

function mug(palette: Palette, variant: number) {
  const band =
    variant % 2
      ? `<rect x="300" y="560" width="340" height="60" fill="${palette.accent}" opacity="0.9"/>`
      : [0, 1, 2, 3].map((index) => `<circle cx="${360 + index * 74}" cy="${560 + (index % 2) * 60}" r="18" fill="${palette.light}"/>`).join('')
  return scene(
    palette,
    `<path d="M640 470 C800 470 800 690 640 690" fill="none" stroke="${palette.shade}" stroke-width="46" stroke-linecap="round"/>` +
      `<path d="M300 390 L640 390 L640 740 Q640 800 580 800 L360 800 Q300 800 300 740 Z" fill="${palette.main}"/>` +
      band +
      `<path d="M300 390 L640 390 L640 740 Q640 800 580 800 L360 800 Q300 800 300 740 Z" fill="url(#volume)"/>` +
      `<ellipse cx="470" cy="390" rx="170" ry="36" fill="${palette.shade}"/>` +
      `<ellipse cx="470" cy="396" rx="150" ry="26" fill="${hsl(25, 45, 22)}"/>` +
      [410, 470, 530]
        .map((x) => `<path d="M${x} 330 q-24 -40 0 -80 q24 -40 0 -80" fill="none" stroke="#fff" stroke-opacity="0.75" stroke-width="10" stroke-linecap="round"/>`)
        .join(''),
    { cx: 500, cy: 808, rx: 260, ry: 30 }
  )
}

function notebook(palette: Palette, variant: number) {
  const band = variant % 2 ? `<rect x="620" y="230" width="22" height="560" fill="${palette.accent}"/>` : ''
  return scene(
    palette,
    '<g transform="rotate(-7 512 512)">' +
      '<rect x="330" y="236" width="390" height="560" rx="16" fill="#f3efe6"/>' +
      `<rect x="312" y="222" width="390" height="560" rx="18" fill="${palette.main}"/>` +
      `<rect x="312" y="222" width="46" height="560" rx="18" fill="${palette.shade}"/>` +
      band +
      `<rect x="312" y="222" width="390" height="560" rx="18" fill="url(#volume)"/>` +
      '<rect x="420" y="330" width="190" height="96" rx="8" fill="#fbf8f1"/>' +
      `<rect x="446" y="360" width="138" height="10" rx="5" fill="${palette.shade}" opacity="0.6"/>` +
      `<rect x="446" y="388" width="96" height="10" rx="5" fill="${palette.shade}" opacity="0.4"/>` +
      '</g>',
    { cx: 520, cy: 838, rx: 270, ry: 32 }
  )
}

function candle(palette: Palette, variant: number, title: string) {
  const tin = /tin/i.test(title) || variant % 3 === 0
  const [top, bottom, left, right] = tin ? [560, 790, 300, 724] : [400, 800, 352, 672]
  const label = tin
    ? `<rect x="${left}" y="${top + 70}" width="${right - left}" height="90" fill="${palette.accent}" opacity="0.9"/>`
    : `<rect x="${left + 30}" y="${top + 150}" width="${right - left - 60}" height="150" rx="10" fill="#fbf7ee"/>` +
      `<rect x="${left + 80}" y="${top + 205}" width="${right - left - 160}" height="12" rx="6" fill="${palette.shade}" opacity="0.6"/>` +
      `<rect x="${left + 110}" y="${top + 235}" width="${right - left - 220}" height="10" rx="5" fill="${palette.shade}" opacity="0.4"/>`
  const flameY = top - 20
  return scene(
    palette,
    '<defs><radialGradient id="glow"><stop offset="0" stop-color="#ffd36b" stop-opacity="0.55"/><stop offset="1" stop-color="#ffd36b" stop-opacity="0"/></radialGradient>' +
      '<linearGradient id="flame" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="#ff8a1f"/><stop offset="1" stop-color="#ffe27a"/></linearGradient></defs>' +
      `<circle cx="512" cy="${flameY - 40}" r="150" fill="url(#glow)"/>` +
      `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" rx="${tin ? 24 : 44}" fill="${palette.main}"/>` +
      label +
      `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" rx="${tin ? 24 : 44}" fill="url(#volume)"/>` +
      `<ellipse cx="512" cy="${top + 6}" rx="${(right - left) / 2 - 6}" ry="${tin ? 30 : 26}" fill="${palette.light}"/>` +
      `<path d="M512 ${top + 4} L512 ${flameY + 36}" stroke="#3a2d24" stroke-width="7" stroke-linecap="round"/>` +
      `<path d="M512 ${flameY - 90} C552 ${flameY - 30} 546 ${flameY + 30} 512 ${flameY + 34} C478 ${flameY + 30} 472 ${flameY - 30} 512 ${flameY - 90} Z" fill="url(#flame)"/>`,
    { cx: 512, cy: bottom + 6, rx: (right - left) / 2 + 60, ry: 26 }
  )
}

function poster(palette: Palette, variant: number, hue: number) {
  const [x, y, width, height] = [292, 170, 440, 620]
  const art =
    variant % 2
      ? // mountains under a sun
        `<rect x="${x + 40}" y="${y + 40}" width="${width - 80}" height="${height - 80}" fill="${hsl(hue + 20, 45, 88)}"/>` +
        `<circle cx="${x + width - 140}" cy="${y + 180}" r="62" fill="${hsl(hue + 40, 80, 62)}"/>` +
        `<path d="M${x + 40} ${y + height - 40} L${x + 170} ${y + 300} L${x + 260} ${y + 420} L${x + 320} ${y + 350} L${x + width - 40} ${y + height - 40} Z" fill="${palette.main}"/>` +
        `<path d="M${x + 40} ${y + height - 40} L${x + 120} ${y + 470} L${x + 230} ${y + height - 40} Z" fill="${palette.shade}"/>`
      : // circles and a band, Bauhaus-like
        `<rect x="${x + 40}" y="${y + 40}" width="${width - 80}" height="${height - 80}" fill="${hsl(hue + 180, 25, 90)}"/>` +
        `<circle cx="${x + 170}" cy="${y + 220}" r="100" fill="${palette.main}"/>` +
        `<circle cx="${x + 280}" cy="${y + 330}" r="80" fill="${palette.accent}" opacity="0.85"/>` +
        `<rect x="${x + 40}" y="${y + 440}" width="${width - 80}" height="56" fill="${palette.shade}"/>` +
        `<path d="M${x + 120} ${y + height - 40} A120 120 0 0 1 ${x + 360} ${y + height - 40} Z" fill="${hsl(hue + 60, 55, 60)}"/>`
  return scene(
    palette,
    `<rect x="${x + 14}" y="${y + 18}" width="${width}" height="${height}" fill="#000" opacity="0.12"/>` +
      `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${(variant >>> 3) % 2 ? '#2b2b2e' : hsl(35, 35, 62)}"/>` +
      `<rect x="${x + 20}" y="${y + 20}" width="${width - 40}" height="${height - 40}" fill="#fbfaf7"/>` +
      art,
    { cx: 512, cy: 880, rx: 200, ry: 18 }
  )
}

function socks(palette: Palette, variant: number) {
  const sock = (dx: number, fill: string, clip: string) => {
    const outline = `M${380 + dx} 190 L${560 + dx} 190 L${560 + dx} 560 Q${560 + dx} 600 ${600 + dx} 628 L${740 + dx} 720 Q${806 + dx} 768 ${768 + dx} 828 Q${730 + dx} 882 ${664 + dx} 846 L${438 + dx} 722 Q${376 + dx} 690 ${380 + dx} 616 Z`
    const stripes = variant % 2
      ? [300, 360].map((y) => `<rect x="${360 + dx}" y="${y}" width="220" height="28" fill="${palette.accent}"/>`).join('')
      : [320, 380, 440].map((y) => `<rect x="${360 + dx}" y="${y}" width="220" height="14" fill="${palette.light}"/>`).join('')
    return (
      `<defs><clipPath id="${clip}"><path d="${outline}"/></clipPath></defs>` +
      `<path d="${outline}" fill="${fill}"/>` +
      `<g clip-path="url(#${clip})">` +
      stripes +
      `<rect x="${360 + dx}" y="180" width="220" height="80" fill="${palette.shade}"/>` +
      [0, 1, 2, 3, 4, 5, 6].map((index) => `<rect x="${392 + dx + index * 26}" y="190" width="6" height="70" fill="#000" opacity="0.12"/>`).join('') +
      `<circle cx="${560 + dx}" cy="610" r="74" fill="${palette.shade}"/>` +
      `<circle cx="${780 + dx}" cy="800" r="86" fill="${palette.shade}"/>` +
      '</g>' +
      `<path d="${outline}" fill="url(#volume)"/>`
    )
  }
  return scene(palette, sock(-120, palette.shade, 'sock-back') + sock(0, palette.main, 'sock-front'), { cx: 560, cy: 870, rx: 280, ry: 28 })
}

function tote(palette: Palette, variant: number, hue: number) {
  const canvas = variant % 2 ? hsl(40, 30, 84) : palette.main
  const print = variant % 2 ? palette.main : palette.light
  const motif =
    (variant >>> 1) % 2
      ? `<circle cx="512" cy="630" r="96" fill="${print}"/><circle cx="512" cy="630" r="46" fill="${canvas}"/>`
      : `<path d="M412 700 L512 540 L612 700 Z" fill="${print}"/><rect x="470" y="700" width="84" height="20" fill="${print}"/>`
  return scene(
    palette,
    `<path d="M410 450 C410 250 614 250 614 450" fill="none" stroke="${hsl(hue, 20, 30)}" stroke-opacity="0.35" stroke-width="26"/>` +
      `<path d="M330 440 L694 440 L724 830 L300 830 Z" fill="${canvas}"/>` +
      motif +
      `<path d="M330 440 L694 440 L724 830 L300 830 Z" fill="url(#volume)"/>` +
      `<path d="M388 446 C388 230 636 230 636 446" fill="none" stroke="${variant % 2 ? palette.shade : hsl(40, 30, 80)}" stroke-width="28" stroke-linecap="round"/>` +
      `<rect x="330" y="440" width="364" height="18" fill="#000" opacity="0.08"/>`,
    { cx: 512, cy: 838, rx: 270, ry: 28 }
  )
}

/** Types we have no drawing for: a calm geometric pattern in the product's colours. */
function pattern(palette: Palette, variant: number) {
  const cells: string[] = []
  for (let row = 0; row < 6; row++) {
    for (let column = 0; column < 6; column++) {
      const x = 112 + column * 160
      const y = 112 + row * 160
      const kind = (row * 7 + column * 3 + variant) % 3
      const fill = (row + column) % 2 ? palette.main : palette.accent
      cells.push(
        kind === 0
          ? `<circle cx="${x}" cy="${y}" r="52" fill="${fill}"/>`
          : kind === 1
            ? `<rect x="${x - 46}" y="${y - 46}" width="92" height="92" rx="14" fill="${fill}" opacity="0.85"/>`
            : `<path d="M${x - 54} ${y + 46} L${x} ${y - 54} L${x + 54} ${y + 46} Z" fill="${palette.shade}"/>`
      )
    }
  }
  const size = DRAWING_SIZE
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${RENDER_SIZE}" height="${RENDER_SIZE}" viewBox="0 0 ${size} ${size}"><rect width="${size}" height="${size}" fill="${palette.backTop}"/>${cells.join('')}</svg>`
}

const DRAWINGS: Record<string, (palette: Palette, variant: number, request: DrawingRequest) => string> = {
  't-shirts': (palette, variant, request) => tee(palette, variant, request.title),
  'mugs': (palette, variant) => mug(palette, variant),
  'notebooks': (palette, variant) => notebook(palette, variant),
  'candles': (palette, variant, request) => candle(palette, variant, request.title),
  'posters': (palette, variant, request) => poster(palette, variant, request.hue),
  'socks': (palette, variant) => socks(palette, variant),
  'tote bags': (palette, variant, request) => tote(palette, variant, request.hue),
}

/** The SVG source of a product's demo picture, RENDER_SIZE pixels square. */
export function productDrawing(request: DrawingRequest): string {
  const variant = variantOf(request.title)
  const palette = paletteOf(request.hue, variant)
  const draw = DRAWINGS[(request.type ?? '').trim().toLowerCase()]
  return draw ? draw(palette, variant, request) : pattern(palette, variant)
}
