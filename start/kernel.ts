/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware run on every request, router middleware on every
| matched route, named middleware where a route asks for them.
|
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  // first, so it times everything after it: latency by route for /metrics
  () => import('#observability/http_metrics_middleware'),
  // Referrer-Policy and friends, on every answer (shield sets the rest)
  () => import('#middleware/security_headers_middleware'),
  // rendered private pages (cart, checkout, account, admin) go out compressed; cached pages and files already are
  () => import('#middleware/compress_responses_middleware'),
  () => import('#middleware/query_count_middleware'),
  // a warm catalog page is answered here, before routing (see the middleware)
  () => import('#middleware/page_cache_hit_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/public_files_middleware'),
])

router.use([
  // the framework's parser, with multipart only on the routes that take files (config/bodyparser.ts)
  () => import('#middleware/body_parser_middleware'),
  // a NUL byte anywhere in the input is a 400, before any query sees it
  () => import('#middleware/reject_nul_bytes_middleware'),
  // ctx.htmx: page or fragment, Vary: HX-Request
  () => import('#middleware/htmx_middleware'),
  // session → shield (CSRF, CSP) → auth, except on the public catalog pages, which set no cookie
  () => import('#middleware/web_session_middleware'),
  // bouncer for the signed-in staff member, then the back-office route permission table
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/authorize_admin_route_middleware'),
  // with DATABASE_READ_URL: catalog pages, search and back-office lists read from a replica
  () => import('#middleware/replica_reads_middleware'),
])

export const middleware = router.named({
  staffAuth: () => import('#middleware/staff_auth_middleware'),
  staffGuest: () => import('#middleware/staff_guest_middleware'),
  adminShell: () => import('#middleware/admin_shell_middleware'),
  customerAuth: () => import('#middleware/customer_auth_middleware'),
})
