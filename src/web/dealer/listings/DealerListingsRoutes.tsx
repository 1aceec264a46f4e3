import '../../console/listings/i18n.js';
import { Route, Routes } from 'react-router';
import { ListingEditorPage } from '../../console/listings/ListingEditorPage.js';
import { ListingListPage } from '../../console/listings/ListingListPage.js';
import { RequirePermission } from '../../shared/components/RequirePermission.js';
import { NotFound } from '../../shared/components/Results.js';

/**
 * "My listings" in the dealer portal: the console's list and editor, scoped by the API to the signed-in
 * staff member's dealer (the dealer picker is hidden because the service fixes the dealer).
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
