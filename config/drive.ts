/*
|--------------------------------------------------------------------------
| File storage (product images)
|--------------------------------------------------------------------------
|
| Embedded mode keeps images on the local disk under <DATA_DIR>/uploads,
| served by Stockroom's own /media/* route (MediaController: raster types
| only, nosniff, a year of caching). Set S3_BUCKET and the default disk
| becomes an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Spaces…)
| whose objects are public and served from S3_PUBLIC_URL (a CDN, or the
| bucket's own URL). See docs/images.md.
|
*/
import env from '#start/env'
import runtime from '#config/runtime'
import { defineConfig, services } from '@adonisjs/drive'

const bucket = env.get('S3_BUCKET')
const region = env.get('S3_REGION') ?? 'us-east-1'
const endpoint = env.get('S3_ENDPOINT')

/**
 * Where stored images are read from by browsers. The bucket's own URL when
 * S3_PUBLIC_URL is unset: virtual-hosted on AWS, path-style on a custom endpoint.
 */
function bucketPublicUrl() {
  const configured = env.get('S3_PUBLIC_URL')
  if (configured) return configured.replace(/\/+$/, '')
  if (endpoint) return `${endpoint.replace(/\/+$/, '')}/${bucket}`
  return `https://${bucket}.s3.${region}.amazonaws.com`
}

/**
 * Which disk images go to, the base URL their keys are appended to (null:
 * the /media route) and that URL's origin (for the CSP's img-src).
 */
export const mediaStorage = bucket
  ? { disk: 's3' as const, publicBaseUrl: bucketPublicUrl(), origin: new URL(bucketPublicUrl()).origin }
  : { disk: 'fs' as const, publicBaseUrl: null, origin: null }

const accessKeyId = env.get('S3_ACCESS_KEY_ID')
const secretAccessKey = env.get('S3_SECRET_ACCESS_KEY')

const driveConfig = defineConfig({
  default: mediaStorage.disk,
  services: {
    fs: services.fs({
      location: runtime.uploadsDir,
      // MediaController serves these at /media/* (not drive's file server).
      serveFiles: false,
      visibility: 'public',
    }),
    ...(bucket
      ? {
          s3: services.s3({
            bucket,
            region,
            endpoint,
            // MinIO and most S3-compatible stores want path-style addressing.
            forcePathStyle: Boolean(endpoint),
            // Without keys the AWS SDK's default chain applies (instance role, AWS_* env).
            credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
            visibility: 'public',
            // Buckets with "object ownership: enforced" (the AWS default) and R2 refuse ACLs;
            // make the bucket (or its CDN) public instead.
            supportsACL: false,
          }),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
