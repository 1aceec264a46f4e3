import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBrand,
  TBrandDetail,
  TBrandIndex,
  TColour,
  TCreateBrandRequest,
  TCreateParameterRequest,
  TCreateSeriesRequest,
  TCreateTrimRequest,
  TImportResult,
  TMedia,
  TOptionPackage,
  TParameterDefinition,
  TParameterValue,
  TPutColoursRequest,
  TPutPackagesRequest,
  TSeries,
  TSeriesDetail,
  TTrim,
  TTrimDetail,
  TUpdateParameterRequest,
  TUpdateTrimRequest,
} from '../../../server/modules/catalog/model.contract.js';
import { api } from '../api.js';

// Data hooks for the catalog module, the model database (/api/v1/catalog): brands, series, trims, the
// parameter dictionary, media and trim import. The storefront reads the brand index; the console edits.

export type { TBrandIndex };

export const catalogKeys = {
  all: ['catalog'] as const,
};

export const brandKeys = {
  all: [...catalogKeys.all, 'brands'] as const,
  index: () => [...brandKeys.all, 'index'] as const,
  detail: (id: string) => [...brandKeys.all, 'detail', id] as const,
};

export const seriesKeys = {
  all: [...catalogKeys.all, 'series'] as const,
  detail: (id: string) => [...seriesKeys.all, 'detail', id] as const,
};

export const trimKeys = {
  all: [...catalogKeys.all, 'trims'] as const,
  detail: (id: string) => [...trimKeys.all, 'detail', id] as const,
};

export const parameterKeys = {
  all: [...catalogKeys.all, 'parameters'] as const,
  list: () => [...parameterKeys.all, 'list'] as const,
};

/** Brands with their series: the storefront's brand filter and the console's brand list. */
export function useBrandIndex() {
  return useQuery({
    queryKey: brandKeys.index(),
    queryFn: () => api<TBrandIndex>('/catalog/brands'),
    staleTime: 10 * 60_000,
  });
}

export function useBrand(id: string | undefined) {
  return useQuery({
    queryKey: brandKeys.detail(id ?? ''),
    queryFn: () => api<TBrandDetail>(`/catalog/brands/${id}`),
    enabled: Boolean(id),
  });
}

export function useSeries(id: string | undefined) {
  return useQuery({
    queryKey: seriesKeys.detail(id ?? ''),
    queryFn: () => api<TSeriesDetail>(`/catalog/series/${id}`),
    enabled: Boolean(id),
  });
}

export function useTrim(id: string | undefined) {
  return useQuery({
    queryKey: trimKeys.detail(id ?? ''),
    queryFn: () => api<TTrimDetail>(`/catalog/trims/${id}`),
    enabled: Boolean(id),
  });
}

export function useParameters() {
  return useQuery({
    queryKey: parameterKeys.list(),
    queryFn: () => api<TParameterDefinition[]>('/catalog/parameters'),
    staleTime: 5 * 60_000,
  });
}

/** A mutation that refreshes every model-database query (brand index included) when it succeeds. */
function useModelMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

export const useCreateBrand = () =>
  useModelMutation((body: TCreateBrandRequest) => api<TBrand>('/catalog/brands', { method: 'POST', body }));
export const useCreateSeries = () =>
  useModelMutation((body: TCreateSeriesRequest) => api<TSeries>('/catalog/series', { method: 'POST', body }));
export const useCreateTrim = () =>
  useModelMutation((body: TCreateTrimRequest) => api<TTrim>('/catalog/trims', { method: 'POST', body }));
export const useUpdateTrim = (id: string) =>
  useModelMutation((body: TUpdateTrimRequest) =>
    api<TTrim>(`/catalog/trims/${id}`, { method: 'PATCH', body }),
  );
export const useSaveSheet = (id: string) =>
  useModelMutation((values: Record<string, TParameterValue>) =>
    api<TTrimDetail>(`/catalog/trims/${id}/parameters`, { method: 'PUT', body: { values } }),
  );
export const useSaveColours = (id: string) =>
  useModelMutation((body: TPutColoursRequest) =>
    api<TColour[]>(`/catalog/trims/${id}/colours`, { method: 'PUT', body }),
  );
export const useSavePackages = (id: string) =>
  useModelMutation((body: TPutPackagesRequest) =>
    api<TOptionPackage[]>(`/catalog/trims/${id}/packages`, { method: 'PUT', body }),
  );
export const useCreateParameter = () =>
  useModelMutation((body: TCreateParameterRequest) =>
    api<TParameterDefinition>('/catalog/parameters', { method: 'POST', body }),
  );
export const useUpdateParameter = () =>
  useModelMutation(({ key, body }: { key: string; body: TUpdateParameterRequest }) =>
    api<TParameterDefinition>(`/catalog/parameters/${key}`, { method: 'PATCH', body }),
  );
export const useDeleteMedia = () =>
  useModelMutation((id: string) => api<{ deleted: true }>(`/catalog/media/${id}`, { method: 'DELETE' }));

/** Uploads one image (multipart: ownerType, ownerId, angle, file). */
export const useUploadMedia = () =>
  useModelMutation((form: FormData) => api<TMedia>('/catalog/media', { method: 'POST', body: form }));

/** Imports trims from a CSV or XLSX file; `dryRun` validates and counts without writing. */
export const useImportTrims = () =>
  useModelMutation(({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    return api<TImportResult>('/catalog/import/trims', {
      method: 'POST',
      query: { dryRun: dryRun || undefined },
      body: form,
    });
  });
