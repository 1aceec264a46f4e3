import '../../shared/listings/i18n.js';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../shared/components/RequirePermission.js';
import { NotFound } from '../../shared/components/Results.js';
import { ListingEditorPage } from '../../shared/listings/ListingEditorPage.js';
import { ListingListPage } from '../../shared/listings/ListingListPage.js';
import { AccessoriesPage } from './AccessoriesPage.js';
import { AdLawTermsPage } from './AdLawTermsPage.js';
import { ReviewQueuePage } from './ReviewQueuePage.js';

function Guarded({ permission, children }: { permission: string; children: ReactNode }) {
  return (
    <RequirePermission permission={permission} home="/console">
      {children}
    </RequirePermission>
  );
}

/** The console's listing screens under /console/listings. */
export function ListingsRoutes() {
  const base = '/console/listings';
  return (
    <Routes>
      <Route
        index
        element={
          <Guarded permission="listings.manage">
            <ListingListPage basePath={base} />
          </Guarded>
        }
      />
      <Route
        path="review"
        element={
          <Guarded permission="listings.review">
            <ReviewQueuePage />
          </Guarded>
        }
      />
      <Route
        path="ad-law-terms"
        element={
          <Guarded permission="adlaw.manage">
            <AdLawTermsPage />
          </Guarded>
        }
      />
      <Route
        path="accessories"
        element={
          <Guarded permission="catalog.manage">
            <AccessoriesPage />
          </Guarded>
        }
      />
      <Route
        path=":id"
        element={
          <Guarded permission="listings.manage">
            <ListingEditorPage basePath={base} />
          </Guarded>
        }
      />
      <Route path="*" element={<NotFound home="/console" />} />
    </Routes>
  );
}
