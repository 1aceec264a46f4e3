import { Alert, Button, Card, Checkbox, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TImportResult, TImportRowError } from '../../../server/modules/catalog/model.contract.js';
import { ApiError } from '../../shared/api.js';
import { useImportTrims } from '../../shared/hooks/catalog.js';

/** Template download, export buttons, and an upload that shows either the row-level errors or the counts. */
export function ImportPage() {
  const { t } = useTranslation('consoleCatalog');
  const importTrims = useImportTrims();
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<TImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
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
          <Table<TImportRowError>
            data-testid="import-errors"
            size="small"
            rowKey={(r) => `${r.row}-${r.column}`}
            dataSource={rowErrors}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('transfer.row'), dataIndex: 'row', width: 80 },
              { title: t('transfer.column'), dataIndex: 'column', width: 240 },
              { title: t('transfer.message'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
