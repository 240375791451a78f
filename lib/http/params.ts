/** A positive integer id from a path segment (canonical decimal only; see lib/ids.ts). */
export { IdString as IdParam } from '@/lib/ids';
