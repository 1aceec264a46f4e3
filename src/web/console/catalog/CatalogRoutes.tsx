import './i18n.js';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { NotFound } from '../../shared/components/Results.js';
import { BrandsPage } from './BrandsPage.js';
import { ImportPage } from './ImportPage.js';
import { ParametersPage } from './ParametersPage.js';
import { SearchTermsPage } from './SearchTermsPage.js';
import { SeriesPage } from './SeriesPage.js';
import { TrimEditorPage } from './TrimEditorPage.js';

/**
 * The console's model database under /console/catalog: brands/series/trims, the dictionary, import/export,
 * and the words search understands.
 */
export function CatalogRoutes() {
  const { t } = useTranslation('consoleCatalog');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.includes('/catalog/parameters')
    ? 'parameters'
    : pathname.includes('/catalog/import')
      ? 'import'
      : pathname.includes('/catalog/search-terms')
        ? 'search-terms'
        : 'brands';
  return (
    <>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(k === 'brands' ? '/console/catalog' : `/console/catalog/${k}`)}
        items={[
          { key: 'brands', label: t('tabs.brands') },
          { key: 'parameters', label: t('tabs.parameters') },
          { key: 'import', label: t('tabs.import') },
          { key: 'search-terms', label: t('tabs.searchTerms') },
        ]}
      />
      <Routes>
        <Route index element={<BrandsPage />} />
        <Route path="series/:id" element={<SeriesPage />} />
        <Route path="trims/:id" element={<TrimEditorPage />} />
        <Route path="parameters" element={<ParametersPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="search-terms" element={<SearchTermsPage />} />
        <Route path="*" element={<NotFound home="/console" />} />
      </Routes>
    </>
  );
}
