import type { ApplicationService } from '@adonisjs/core/types'

export default class StockroomProvider {
  constructor(protected app: ApplicationService) {}
}
