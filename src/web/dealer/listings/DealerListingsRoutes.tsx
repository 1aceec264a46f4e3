import '../../shared/listings/i18n.js';
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../shared/components/RequirePermission.js';
import { NotFound } from '../../shared/components/Results.js';
import { ListingEditorPage } from '../../shared/listings/ListingEditorPage.js';
import { ListingListPage } from '../../shared/listings/ListingListPage.js';

/**
 * "My listings" in the dealer portal: the list and editor shared with the console (web/shared/listings),
 * scoped by the API to the signed-in staff member's dealer (the dealer picker is hidden because the
 * service fixes the dealer).
 */
export function DealerListingsRoutes() {
  const base = '/dealer/listings';
  return (
    <RequirePermission permission="listings.manage" home="/dealer">
      <Routes>
        <Route index element={<ListingListPage basePath={base} showDealer={false} />} />
        <Route path=":id" element={<ListingEditorPage basePath={base} />} />
        <Route path="*" element={<NotFound home="/dealer" />} />
      </Routes>
    </RequirePermission>
  );
}
