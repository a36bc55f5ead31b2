import { defineConfig } from '@adonisjs/auth'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import { CustomerSessionProvider } from '#services/customer_session_provider'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

const authConfig = defineConfig({
  default: 'staff',
  guards: {
    staff: sessionGuard({
      useRememberMeTokens: false,
      provider: sessionUserProvider({
        model: () => import('#models/staff_user'),
      }),
    }),
    // Shoppers sign in on a guard of their own: a staff session never
    // authenticates a customer, nor the other way round.
    // The provider stamps sessions with the password: changing or resetting
    // it signs every other session of that customer out.
    customer: sessionGuard({
      useRememberMeTokens: false,
      provider: new CustomerSessionProvider({
        model: () => import('#models/customer'),
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
