/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Each area keeps its routes in its own file under start/routes/. Plugins
| add theirs from their boot hook.
|
*/
import '#start/routes/health'
import '#start/routes/admin'
import '#start/routes/storefront'
import '#start/routes/checkout'
import '#start/routes/payments'
import '#start/routes/cart'
import '#start/routes/pricing_admin'
import '#start/routes/settings_admin'
import '#start/routes/orders_admin'
import '#start/routes/order_emails_admin'
import '#start/routes/account'
import '#start/routes/live'
import '#start/routes/admin_staff'
import '#start/routes/admin_customers'
import '#start/routes/content'
import '#start/routes/policies_admin'
import '#start/routes/newsletter_admin'
