import './i18n.js';
import { Alert, Button, Checkbox, Radio, Space, Upload } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TInventoryImportRowError } from '../../../server/modules/inventory/inventory.contract.js';
import { IMPORT_KINDS, type ImportKind } from '../../../server/modules/inventory/inventory.enums.js';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { type TInventoryImportResult, useImportStock } from '../../shared/hooks/inventory.js';

// The stock board's panels, shared by the console (/console/inventory) and the dealer portal (/dealer/stock):
// the server scopes every answer to the caller (dealer staff see their dealer's stock only).

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export function ImportPanel() {
  const { t } = useTranslation('consoleInventory');
  const importStock = useImportStock();
  const [kind, setKind] = useState<ImportKind>('units');
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<TInventoryImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<TInventoryImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('imp.kind')}</span>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as ImportKind)}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imp.kinds.${k}`) }))}
          data-testid="import-kind"
        />
        <Button href={`/api/v1/inventory/import/${kind}/template.xlsx`} data-testid="stock-template-xlsx">
          {t('imp.template')} (XLSX)
        </Button>
        <Button href={`/api/v1/inventory/import/${kind}/template.csv`} data-testid="stock-template-csv">
          {t('imp.template')} (CSV)
        </Button>
      </Space>
      <Space style={{ marginBottom: 16 }}>
        <Checkbox
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
          data-testid="stock-import-dry-run"
        >
          {t('imp.dryRun')}
        </Checkbox>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            setResult(null);
            setRowErrors(null);
            setFailure(null);
            try {
              const r = await importStock.mutateAsync({ kind, file: file as File, dryRun });
              setResult(r);
              onSuccess?.(r);
            } catch (e) {
              if (e instanceof ApiError && Array.isArray(e.details?.errors)) {
                setRowErrors(e.details.errors as TInventoryImportRowError[]);
              } else setFailure(e instanceof Error ? e.message : String(e));
              onError?.(e as Error);
            }
          }}
        >
          <Button type="primary" loading={importStock.isPending} data-testid="stock-import-upload">
            {t('imp.upload')}
          </Button>
        </Upload>
      </Space>
      {result ? (
        <Alert
          type="success"
          data-testid="stock-import-result"
          title={`${result.dryRun ? t('imp.dryRunResult') : ''}${t('imp.result', result)}`}
        />
      ) : null}
      {failure ? <Alert type="error" title={failure} /> : null}
      {rowErrors ? (
        <>
          <Alert type="error" title={t('imp.errors')} style={{ marginBottom: 12 }} />
          <DataTable<TInventoryImportRowError>
            testId="stock-import-errors"
            urlKey={false}
            size="small"
            pageSize={50}
            rows={rowErrors}
            rowKey={(r) => `${r.row}-${r.column}-${r.code}`}
            exportName="stock-import-errors"
            columns={[
              {
                key: 'row',
                title: t('imp.row'),
                kind: 'number',
                value: (r) => r.row,
                width: 80,
                sortable: true,
              },
              { key: 'column', title: t('imp.column'), value: (r) => r.column, width: 160 },
              { key: 'code', title: t('imp.code'), value: (r) => r.code, width: 190 },
              { key: 'message', title: t('imp.message'), kind: 'title', value: (r) => r.message },
            ]}
          />
        </>
      ) : null}
    </>
  );
}

/** The summary and its alert filter, from the URL (`?alert=aged60|aged90|low`). */
