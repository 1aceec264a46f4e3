import { Alert, Button, Card, Checkbox, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TImportResult, TImportRowError } from '../../../server/modules/catalog/model.contract.js';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { useImportTrims, useParameters } from '../../shared/hooks/catalog.js';

/** Template download, export buttons, and an upload that shows either the row-level errors or the counts. */
export function ImportPage() {
  const { t, i18n } = useTranslation('consoleCatalog');
  const importTrims = useImportTrims();
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<TImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const params = useParameters();
  const en = i18n.language === 'en';
  // A column is a parameter key (body.length_mm) or a fixed header: show the parameter's name.
  const columnName = (column: string) => {
    const def = params.data?.find((d) => d.key === column);
    if (def) return `${en ? def.nameEn : def.name} (${column})`;
    return column;
  };
  return (
    <Card title={t('tabs.import')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button href="/api/v1/catalog/import/template.xlsx" data-testid="template-xlsx">
          {t('transfer.template')} (XLSX)
        </Button>
        <Button href="/api/v1/catalog/import/template.csv" data-testid="template-csv">
          {t('transfer.template')} (CSV)
        </Button>
        <Button href="/api/v1/catalog/export/trims.xlsx" data-testid="export-xlsx">
          {t('transfer.export')} (XLSX)
        </Button>
        <Button href="/api/v1/catalog/export/trims.csv" data-testid="export-csv">
          {t('transfer.export')} (CSV)
        </Button>
      </Space>
      <Space style={{ marginBottom: 16 }}>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
          {t('transfer.dryRun')}
        </Checkbox>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            setResult(null);
            setRowErrors(null);
            setFailure(null);
            try {
              const r = await importTrims.mutateAsync({ file: file as File, dryRun });
              setResult(r);
              onSuccess?.(r);
            } catch (e) {
              if (e instanceof ApiError && Array.isArray(e.details?.errors)) {
                setRowErrors(e.details.errors as TImportRowError[]);
              } else setFailure(e instanceof Error ? e.message : String(e));
              onError?.(e as Error);
            }
          }}
        >
          <Button type="primary" loading={importTrims.isPending} data-testid="import-upload">
            {t('transfer.upload')}
          </Button>
        </Upload>
      </Space>
      {result ? (
        <Alert
          type="success"
          data-testid="import-result"
          message={`${result.dryRun ? t('transfer.dryRunResult') : ''}${t('transfer.result', result)}`}
        />
      ) : null}
      {failure ? <Alert type="error" message={failure} /> : null}
      {rowErrors ? (
        <>
          <Alert type="error" message={t('transfer.errors')} style={{ marginBottom: 12 }} />
          <DataTable<TImportRowError>
            testId="import-errors"
            urlKey={false}
            size="small"
            pageSize={50}
            rows={rowErrors}
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            exportName="import-errors"
            columns={[
              {
                key: 'row',
                title: t('transfer.row'),
                kind: 'number',
                value: (r) => r.row,
                width: 80,
                sortable: true,
              },
              { key: 'column', title: t('transfer.column'), value: (r) => columnName(r.column), width: 240 },
              { key: 'message', title: t('transfer.message'), kind: 'title', value: (r) => r.message },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
