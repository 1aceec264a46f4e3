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
import { ApiError, api, readCookie } from '../../shared/api.js';
import { currentLang } from '../../shared/i18n.js';

// Data hooks of the console's model-database screens (/api/v1/catalog brands, series, trims, dictionary,
// media, import/export).

export const modelKeys = {
  all: ['catalog-model'] as const,
  brands: () => [...modelKeys.all, 'brands'] as const,
  brand: (id: string) => [...modelKeys.all, 'brand', id] as const,
  series: (id: string) => [...modelKeys.all, 'series', id] as const,
  trim: (id: string) => [...modelKeys.all, 'trim', id] as const,
  parameters: () => [...modelKeys.all, 'parameters'] as const,
};

export const useBrandIndex = () =>
  useQuery({ queryKey: modelKeys.brands(), queryFn: () => api<TBrandIndex>('/catalog/brands') });

export const useBrand = (id: string | undefined) =>
  useQuery({
    queryKey: modelKeys.brand(id ?? ''),
    queryFn: () => api<TBrandDetail>(`/catalog/brands/${id}`),
    enabled: Boolean(id),
  });

export const useSeries = (id: string | undefined) =>
  useQuery({
    queryKey: modelKeys.series(id ?? ''),
    queryFn: () => api<TSeriesDetail>(`/catalog/series/${id}`),
    enabled: Boolean(id),
  });

export const useTrim = (id: string | undefined) =>
  useQuery({
    queryKey: modelKeys.trim(id ?? ''),
    queryFn: () => api<TTrimDetail>(`/catalog/trims/${id}`),
    enabled: Boolean(id),
  });

export const useParameters = () =>
  useQuery({
    queryKey: modelKeys.parameters(),
    queryFn: () => api<TParameterDefinition[]>('/catalog/parameters'),
    staleTime: 5 * 60_000,
  });

/** A mutation that refreshes every model-database query when it succeeds. */
function useModelMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: modelKeys.all }),
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

/** POSTs a multipart form (file uploads) with the CSRF header; errors become ApiError like `api()`. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  const csrf = readCookie('ay_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error: { code: string; message: string; details?: Record<string, unknown> } }
    | null;
  if (!res.ok) {
    const err = json && 'error' in json && json.error ? json.error : undefined;
    throw new ApiError(
      res.status,
      err?.code ?? 'HTTP_ERROR',
      err?.message ?? `HTTP ${res.status}`,
      err?.details,
    );
  }
  return json as T;
}

export const useUploadMedia = () =>
  useModelMutation((form: FormData) => postForm<TMedia>('/catalog/media', form));

export const useImportTrims = () =>
  useModelMutation(({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    return postForm<TImportResult>(`/catalog/import/trims${dryRun ? '?dryRun=true' : ''}`, form);
  });
