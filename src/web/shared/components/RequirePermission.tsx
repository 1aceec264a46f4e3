import type { ReactNode } from 'react';
import { useStaffMe } from '../hooks/identity.js';
import { Forbidden } from './Results.js';

/** Renders its children only for staff holding `permission`; others (typing the URL) get a 403 page. */
export function RequirePermission({
  permission,
  home,
  children,
}: {
  permission: string | undefined;
  home: string;
  children: ReactNode;
}) {
  const me = useStaffMe();
  if (permission && !me?.permissions.includes(permission)) return <Forbidden home={home} />;
  return <>{children}</>;
}
