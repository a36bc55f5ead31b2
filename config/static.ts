import { defineConfig } from '@adonisjs/static'

const staticServerConfig = defineConfig({
  enabled: true,
  etag: true,
  lastModified: true,
  dotFiles: 'ignore',
  // Vendor bundles are versioned by their package; a day is a safe floor.
  maxAge: '1d',
})

export default staticServerConfig
