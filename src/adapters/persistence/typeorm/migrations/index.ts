import { JfwSchema1764000000000 } from './1764000000000-jfw-schema';
import { PortalSchema1764100000000 } from './1764100000000-portal-schema';
import { IfMatchLists1764200000000 } from './1764200000000-if-match-lists';
import { UniqueCatalogEntries1764300000000 } from './1764300000000-unique-catalog-entries';
import { AuthChangeNotifications1766000000000 } from './1766000000000-auth-change-notifications';
import { AuditAndOutbox1767000000000 } from './1767000000000-audit-and-outbox';
import { EventSubscribers1767500000000 } from './1767500000000-event-subscribers';
import { Dcr1768000000000 } from './1768000000000-dcr';
import { LeanAuditedWrites1769000000000 } from './1769000000000-lean-audited-writes';
import { TimeOrderedEventIds1770000000000 } from './1770000000000-time-ordered-event-ids';
import { FairJobQueue1771000000000 } from './1771000000000-fair-job-queue';
import { ExactDeliveryIdsInJobs1772000000000 } from './1772000000000-exact-delivery-ids-in-jobs';
import { PortalAppUpdateFunction1773000000000 } from './1773000000000-portal-app-update-function';

/** Every migration, in order. Listed explicitly so compiled and embedded builds find the same set. */
export const MIGRATIONS = [JfwSchema1764000000000, PortalSchema1764100000000, IfMatchLists1764200000000, UniqueCatalogEntries1764300000000,
  AuthChangeNotifications1766000000000, AuditAndOutbox1767000000000, EventSubscribers1767500000000, Dcr1768000000000,
  LeanAuditedWrites1769000000000, TimeOrderedEventIds1770000000000, FairJobQueue1771000000000,
  ExactDeliveryIdsInJobs1772000000000, PortalAppUpdateFunction1773000000000];
