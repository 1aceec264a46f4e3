import type { StaffActor } from '../../kernel/auth/actor.js';
import type { Permission } from '../../kernel/auth/permissions.js';
import type { DbHandle } from '../../kernel/db/client.js';
import type { MediaRow } from './catalog.schema.js';

// Images are stored by this module for records of other modules too (listings, their inspection items,
// accessories). The module owning a record type says who may manage its images and whether a record
// exists for the actor; it provides that when its routes are registered, so this module imports none of
// them.

export type MediaOwnerType = MediaRow['ownerType'];

/** How the module that owns one media owner type answers for it. */
export interface MediaOwner {
  /** The permission an actor needs to add or remove this owner type's images. */
  readonly permission: Permission;
  /**
   * Whether the record exists and the actor may attach images to it (a dealer's staff: their dealer's
   * records only; another dealer's answers false, like a missing one). A null actor is the system.
   */
  mayAttach(db: DbHandle, actor: StaffActor | null, ownerId: string): Promise<boolean>;
}

const owners = new Map<MediaOwnerType, MediaOwner>();

/** Registers (or replaces) the owner of a media owner type; the owning module calls it. */
export function provideMediaOwner(ownerType: MediaOwnerType, owner: MediaOwner): void {
  owners.set(ownerType, owner);
}

/** The owner of an owner type, or undefined when its module is not installed. */
export function mediaOwner(ownerType: MediaOwnerType): MediaOwner | undefined {
  return owners.get(ownerType);
}

/** Every owner type with an owner. */
export function mediaOwners(): ReadonlyMap<MediaOwnerType, MediaOwner> {
  return owners;
}
