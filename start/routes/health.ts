import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')
const MetricsController = () => import('#observability/metrics_controller')

router
  .group(() => {
    router.get('live', [HealthController, 'live']).as('live')
    router.get('ready', [HealthController, 'ready']).as('ready')
  })
  .prefix('/health')
  .as('health')

// Prometheus scrapes this; a machine endpoint like the probes (no session)
router.get('/metrics', [MetricsController, 'show']).as('metrics')
