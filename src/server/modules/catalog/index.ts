// The catalog module's public surface (the model database: brands, series, trims, the parameter
// dictionary, colours, packages, media, import/export). Other modules use these, never its repository
// or tables.
import type { DbHandle } from '../../kernel/db/client.js';
import { defineModule } from '../../kernel/module.js';
import { CatalogErrors } from './catalog.errors.js';
import { CatalogEvents } from './catalog.events.js';
import { CatalogPermissions } from './catalog.permissions.js';
import type { TColour, TOptionPackage } from './model.contract.js';
import { toColour, toPackage } from './model.mappers.js';
import { listColours, listPackages } from './model.repository.js';
import { modelRoutes } from './model.routes.js';
import { seedModelDatabase } from './model.seed.js';

export { CatalogErrors } from './catalog.errors.js';
export { CatalogEvents } from './catalog.events.js';
export { CatalogPermissions } from './catalog.permissions.js';
export type {
  BrandRow,
  MediaRow,
  ParameterDefinitionRow,
  SeriesRow,
  TrimParameterRow,
  TrimRow,
} from './catalog.schema.js';
export type {
  TBrand,
  TMedia,
  TParameterDefinition,
  TParameterGroup,
  TParameterValue,
  TSeries,
  TTrim,
  TTrimDetail,
} from './model.contract.js';
export {
  coloursOfTrims,
  existingSeriesIds,
  findTrimFacts,
  firstImageUrls,
  listSeriesNames,
  mediaOf,
  onSaleTrimsWithSeriesAndBrand,
  parameterDefinitionsAll,
  parametersOfTrims,
  searchableNames,
  searchTrimOptions,
  seriesWithBrandNames,
  type TrimFacts,
  type TrimWithSeriesAndBrand,
  trimFactsOf,
  trimsWithSeriesAndBrand,
} from './model.lookup.js';
export { type MediaOwner, type MediaOwnerType, provideMediaOwner } from './model.media-owners.js';
export { getSeriesDetail, getTrimDetail, type TrimPricingFacts, trimPricingFacts } from './model.read.js';
export { artUrl } from './model.shared.js';
export { KEY_FACT_PARAMS } from './model.sheet.js';

/** The colours and option packages a trim is offered with (the storefront's vehicle page shows them). */
export async function coloursAndPackagesOfTrim(
  db: DbHandle,
  trimId: string,
): Promise<{ colours: TColour[]; packages: TOptionPackage[] }> {
  const [colours, packages] = await Promise.all([listColours(db, trimId), listPackages(db, trimId)]);
  return { colours: colours.map(toColour), packages: packages.map(toPackage) };
}

export const catalogModule = defineModule({
  name: 'catalog',
  routes: [{ prefix: 'catalog', plugin: modelRoutes }],
  errors: CatalogErrors,
  permissions: CatalogPermissions,
  events: CatalogEvents,
  seed: [{ name: 'catalog.model', run: (ctx) => seedModelDatabase(ctx.database.db) }],
});
