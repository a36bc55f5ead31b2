import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * scrypt's work factor for stored passwords. The test suites create and sign in
 * hundreds of customers and staff, each hash costing ~50 ms of CPU at the real
 * factor, so tests (NODE_ENV=test, set by `node ace test` and inherited by the
 * servers they start) use 1024: the same algorithm and PHC format, verified the
 * same way, since a hash carries its own parameters. Never lower elsewhere.
 */
const SCRYPT_COST = process.env.NODE_ENV === 'test' ? 1024 : 16384

const hashConfig = defineConfig({
  default: 'scrypt',
  list: {
    scrypt: drivers.scrypt({
      cost: SCRYPT_COST,
      blockSize: 8,
      parallelization: 1,
      maxMemory: 33554432,
    }),
  },
})

export default hashConfig

declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
