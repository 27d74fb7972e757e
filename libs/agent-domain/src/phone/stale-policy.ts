import type { HotDeskPolicy } from '../directory/directory';
import type { PhoneListing } from './phone-listing';

/**
 * Whether the site's policy lets a new hot-desk login take a stale phone over (releasing the old
 * claim), instead of waiting for a supervisor: only when a policy is set and the claim is at least
 * that old. `now` is the caller's clock.
 */
export function mayTakeOverStale(listing: PhoneListing, policy: HotDeskPolicy | undefined, now: string): boolean {
  if (listing.availability !== 'stale' || !policy || listing.since === null) return false;
  return Date.parse(now) - Date.parse(listing.since) >= policy.releaseStaleAfterMinutes * 60_000;
}
