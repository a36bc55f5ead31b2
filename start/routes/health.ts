import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')

router
  .group(() => {
    router.get('live', [HealthController, 'live']).as('live')
    router.get('ready', [HealthController, 'ready']).as('ready')
  })
  .prefix('/health')
  .as('health')
